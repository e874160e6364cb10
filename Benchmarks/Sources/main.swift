import INR
import Foundation
@inline(never) func run(_ xp: UnsafePointer<Float>, _ op: UnsafeMutablePointer<Float>, _ cp: UnsafeMutablePointer<Float>, _ n: Int) {
  var i = 0
  while i < n {
    let v = UnsafeRawPointer(xp + i).loadUnaligned(as: SIMD16<Float>.self)
    let (s, c) = SIMD16<Float>.sineCosine(v)
    UnsafeMutableRawPointer(op + i).storeBytes(of: s, as: SIMD16<Float>.self)
    UnsafeMutableRawPointer(cp + i).storeBytes(of: c, as: SIMD16<Float>.self)
    i += 16
  }
}
func main() {
let n = 1 << 14
let x = UnsafeMutablePointer<Float>.allocate(capacity: n)
var r = RandomSource(seed: 1)
for i in 0..<n { x[i] = r.uniform(-500, 500) }
let out = UnsafeMutablePointer<Float>.allocate(capacity: n)
let out2 = UnsafeMutablePointer<Float>.allocate(capacity: n)
for _ in 0..<3 {
let t0 = Date()
for _ in 0..<256 { run(x, out, out2, n) }
let dt = Date().timeIntervalSince(t0)
var e = 0.0
for i in 0..<n { e = max(e, abs(Double(out[i]) - sin(Double(x[i]))), abs(Double(out2[i]) - cos(Double(x[i])))) }
print("ns per element (sin+cos, 1 thread):", dt / Double(n * 256) * 1e9, "max err", e)
}
}
main()
