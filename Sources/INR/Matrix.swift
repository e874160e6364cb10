/// A dense row-major Float32 matrix: `rows × columns`, element (i, j) at `values[i * columns + j]`.
///
/// Network inputs and outputs are matrices of `N` rows (pixels) × features, the same interleaved layout as
/// `Imaging.Image.pixels`, so an image of C channels *is* an N × C matrix with no transpose.
public struct Matrix: Equatable, Sendable {
    public let rows: Int
    public let columns: Int
    public var values: [Float]

    /// A matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Float = 0) {
        self.rows = rows
        self.columns = columns
        values = [Float](repeating: value, count: rows * columns)
    }

    /// Wraps `values` (row-major); throws when the count is not `rows × columns`.
    public init(rows: Int, columns: Int, values: [Float]) throws {
        guard rows >= 0, columns >= 0, values.count == rows * columns else {
            throw INRError.shapeMismatch(
                what: "matrix values", expected: "\(rows) × \(columns) = \(rows * columns) values",
                found: "\(values.count) values")
        }
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// Wraps `values` whose count the caller guarantees is `rows × columns`.
    init(uncheckedRows rows: Int, columns: Int, values: [Float]) {
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// Element (row, column).
    public subscript(row: Int, column: Int) -> Float {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }
}
