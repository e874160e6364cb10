import ArgumentParser
/// `--channels gray|rgb`: the channel count images are brought to.
enum ChannelChoice: String, ExpressibleByArgument, CaseIterable {
    case gray
    case rgb

    var count: Int { self == .gray ? 1 : 3 }
}
