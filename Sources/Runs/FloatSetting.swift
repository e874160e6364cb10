extension Float {
    /// This setting as the Double of the same shortest decimal form, for config.yaml: a learning rate of `1e-4`
    /// reads `1e-4`, not the widened `9.99999974737875e-5`.
    public var recordedValue: Double { Double(description) ?? Double(self) }
}

/// A single-precision setting as config.yaml holds it: written in its shortest decimal form (``Float/recordedValue``),
/// read back to the same Float — also from the widened form older builds wrote (`9.99999974737875e-5` is `1e-4`).
public struct FloatSetting: Codable, Equatable {
    public var value: Float

    public init(_ value: Float) {
        self.value = value
    }

    public init(from decoder: any Decoder) throws {
        value = Float(try decoder.singleValueContainer().decode(Double.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value.recordedValue)
    }
}
