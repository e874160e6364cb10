import Foundation

/// The JSON conventions of a run's files (`summary.json`, journal entries): sorted, indented keys, plain slashes, and
/// non-finite numbers — a PSNR without a ground truth is NaN — written as the strings `"nan"`, `"inf"`, `"-inf"`.
extension JSONEncoder {
    static var reportEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }
}

extension JSONDecoder {
    static var reportDecoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }
}
