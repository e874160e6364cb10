/// Which images of a dataset's split a problem (or a prior's training) uses: `images: 10` takes the first ten
/// in manifest order, `images: [a.png, b.png]` names them, and an absent `images` (priors only) takes them all.
public enum ImageSelection: Decodable, Equatable, Sendable {
    case all
    case first(Int)
    /// File names in the split, with or without their extension (`female_058881_ref` or `female_058881_ref.png`).
    case named([String])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let count = try? container.decode(Int.self) {
            guard count >= 1 else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "must be ≥ 1, got \(count)")
            }
            self = .first(count)
        } else if let names = try? container.decode([String].self) {
            guard !names.isEmpty else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "is an empty list; expected at least one file name")
            }
            self = .named(names)
        } else {
            throw DecodingError.dataCorruptedError(in: container,
                debugDescription: "expected a number of images or a list of file names in the split")
        }
    }

    /// At most the first `count` of these images.
    public func limited(to count: Int) -> ImageSelection {
        switch self {
        case .all: return .first(count)
        case let .first(existing): return .first(min(existing, count))
        case let .named(names): return .named(Array(names.prefix(count)))
        }
    }

    /// The selected entries of `entries` (one split, in manifest order, each with its file's path).
    public func select<Entry>(from entries: [Entry], file: (Entry) -> String) throws(SelectionFailure) -> [Entry] {
        switch self {
        case .all:
            return entries
        case let .first(count):
            guard count <= entries.count else { throw .tooFew(asked: count, available: entries.count) }
            return Array(entries.prefix(count))
        case let .named(names):
            return try names.map { name throws(SelectionFailure) in
                guard let entry = entries.first(where: { Self.matches(file($0), name) }) else { throw .unknown(name) }
                return entry
            }
        }
    }

    /// Why a selection does not fit a split.
    public enum SelectionFailure: Error, Equatable, CustomStringConvertible {
        case tooFew(asked: Int, available: Int)
        case unknown(String)

        public var description: String {
            switch self {
            case let .tooFew(asked, available): return "asks for \(asked) images but the split has \(available)"
            case let .unknown(name): return "'\(name)' is not a file of the split"
            }
        }
    }

    /// True when `name` is the last path component of `file`, with or without its extension.
    private static func matches(_ file: String, _ name: String) -> Bool {
        let last = file.split(separator: "/").last.map(String.init) ?? file
        let stem = last.lastIndex(of: ".").map { String(last[..<$0]) } ?? last
        return name == last || name == stem
    }
}

/// Images of one split of a catalogued dataset.
public struct DatasetSelection: Equatable, Sendable {
    /// The dataset's name in `Datasets/` (`celeba-hq-178`).
    public var dataset: String
    /// The split (`train`, `val`, `all`).
    public var split: String
    public var images: ImageSelection

    public init(dataset: String, split: String, images: ImageSelection) {
        self.dataset = dataset
        self.split = split
        self.images = images
    }
}
