extension String {
    /// The UTF-8 text of a fixed-size C character buffer, up to its first NUL.
    init(cBuffer: some Collection<CChar>) {
        self.init(decoding: cBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
