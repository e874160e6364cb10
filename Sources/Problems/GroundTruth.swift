/// Where a problem's clean images come from: dataset images, or a synthetic phantom.
public enum GroundTruth: Equatable, Sendable {
    /// Images of a catalogued dataset (`dataset:`, `split:`, `images:`).
    case dataset(DatasetSelection)
    /// One synthetic image (`phantom:`).
    case phantom(Phantom)
}

/// The synthetic images a problem can use instead of a dataset.
public enum Phantom: String, CaseIterable, Sendable {
    /// The modified Shepp–Logan head phantom (Toft), values in [0, 1].
    case sheppLogan = "shepp-logan"
}

/// How a source image is brought to the problem's `size × size`.
public enum Preparation: String, CaseIterable, Sendable {
    /// The largest central square, area-averaged (antialiased) to `size × size`; the default.
    case resize
    /// The central `size × size` pixels at the original resolution (the image must be at least that large).
    case crop
}

extension ImageSelection: CustomStringConvertible {
    /// `all images`, `10 images`, `[a.png, b.png]`.
    public var description: String {
        switch self {
        case .all: return "all images"
        case let .first(count): return count == 1 ? "1 image" : "\(count) images"
        case let .named(names): return "[" + names.joined(separator: ", ") + "]"
        }
    }
}

extension DatasetSelection: CustomStringConvertible {
    /// `celeba-hq-178/val, 10 images`.
    public var description: String { "\(dataset)/\(split), \(images)" }
}

extension GroundTruth: CustomStringConvertible {
    /// `celeba-hq-178/val, 10 images` or `phantom shepp-logan`.
    public var description: String {
        switch self {
        case let .dataset(selection): return selection.description
        case let .phantom(phantom): return "phantom \(phantom.rawValue)"
        }
    }
}
