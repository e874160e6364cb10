extension Float {
    /// This setting as the Double of the same shortest decimal form, for config.yaml: a learning rate of `1e-4`
    /// reads `1e-4`, not the widened `9.99999974737875e-5`.
    public var recordedValue: Double { Double(description) ?? Double(self) }
}
