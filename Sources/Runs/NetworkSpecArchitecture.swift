import INR
import Problems

extension NetworkSpec {
    /// The architecture a problem file's `network:` names, for `outputs` channels; `encoderDepth` is the number
    /// of layers a STRAINER prior shares (default: all but the last).
    public func architecture(outputs: Int, encoderDepth: Int? = nil) throws -> Architecture {
        let chosen: INR.Family
        switch family {
        case .siren: chosen = .siren(omegaFirst: Float(omega), omegaHidden: Float(omega))
        case .fourier: chosen = .fourierFeatures(features: features, sigma: Float(sigma))
        case .gaussian: chosen = .gaussian(scale: Float(scale))
        }
        let plain = try Architecture(family: chosen, width: width, layers: layers, outputs: outputs)
        guard let encoderDepth else { return plain }
        return try Architecture(family: plain.family, dimensions: plain.dimensions, encoderDepth: encoderDepth)
    }
}
