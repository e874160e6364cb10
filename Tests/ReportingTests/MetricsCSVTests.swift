import XCTest
@testable import Reporting

final class MetricsCSVTests: XCTestCase {
    func testRoundTripKeepsEveryValueAndQuotesCommas() throws {
        let curves = [
            MethodCurve(problem: "sr-x4", image: "face, \"left\"", method: "strainer", kind: .prior, points: [
                CurvePoint(iteration: 0, psnr: 12.345678901234, ssim: 0.1, loss: 0.25, seconds: 0),
                CurvePoint(iteration: 50, psnr: 30.5, ssim: nil, loss: nil, seconds: 1.0 / 3),
                CurvePoint(iteration: 100, psnr: 31.5, ssim: nil, loss: 0.5, seconds: 0.75),
            ], discrepancyStop: 50),
            MethodCurve(problem: "sr-x4", image: "b", method: "bicubic", kind: .baseline, points: [
                CurvePoint(iteration: 0, psnr: 27, seconds: 0.01),
            ]),
        ]
        let text = MetricsCSV.render(curves)
        let lines = text.split(separator: "\n")
        XCTAssertEqual(lines[0], "problem,image,method,kind,iteration,psnr,ssim,loss,seconds,discrepancy_stop")
        XCTAssertEqual(lines[2], "sr-x4,\"face, \"\"left\"\"\",strainer,prior,50,30.5,,,0.3333333333333333,1")
        XCTAssertEqual(lines[3], "sr-x4,\"face, \"\"left\"\"\",strainer,prior,100,31.5,,0.5,0.75,")
        XCTAssertEqual(try MetricsCSV.parse(text, file: "metrics.csv"), curves)
    }

    func testFilesWrittenBeforeTheDiscrepancyColumnStillRead() throws {
        let text = "problem,image,method,kind,iteration,psnr,ssim,loss,seconds\np,a,random,prior,0,10.5,0.25,,0\n"
        XCTAssertEqual(try MetricsCSV.parse(text, file: "metrics.csv"), [
            MethodCurve(problem: "p", image: "a", method: "random", kind: .prior,
                        points: [CurvePoint(iteration: 0, psnr: 10.5, ssim: 0.25, seconds: 0)]),
        ])
    }

    func testMalformedRowsNameTheLine() {
        let text = "problem,image,method,kind,iteration,psnr,ssim,loss,seconds\np,a,m,prior,zero,1,,,0\n"
        XCTAssertThrowsError(try MetricsCSV.parse(text, file: "run/metrics.csv")) { error in
            XCTAssertEqual("\(error)", "run/metrics.csv: line 2 is not a row of 9 valid cells")
        }
        XCTAssertThrowsError(try MetricsCSV.parse("a,b\n", file: "x.csv"))
    }
}
