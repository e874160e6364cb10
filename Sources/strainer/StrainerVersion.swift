/// The suite's version, printed by `strainer --version` and recorded in every result and prior file.
enum StrainerVersion {
    static let current = "0.1.0"
}
