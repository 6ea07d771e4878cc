import COpenBLAS
import Foundation

/// 3×3 convolution (zero padding 1, stride 1) by Winograd's minimal filtering F(2×2, 3×3)
/// (Lavin & Gray, "Fast Algorithms for Convolutional Neural Networks", CVPR 2016): 16 sgemms of
/// `outChannels × inChannels` by `inChannels × tiles` instead of one of `9 · inChannels` columns,
/// 2.25× fewer multiply-adds.
///
/// Per 2×2 output tile and channel pair: `Y = Aᵀ [(G g Gᵀ) ⊙ (Bᵀ d B)] A` with d the 4×4 input patch
/// starting one pixel above and left of the tile, g the 3×3 kernel, and
/// `Bᵀ = [1 0 −1 0; 0 1 1 0; 0 −1 1 0; 0 1 0 −1]`, `G = [1 0 0; ½ ½ ½; ½ −½ ½; 0 0 1]`,
/// `Aᵀ = [1 1 1 0; 0 1 −1 −1]`. Needs even map sizes (always true: maps are padded to multiples of
/// 16 and halved at most three times). Rounding differs from direct convolution by a few ulps of
/// the partial sums; the network's output stays within 1e-4 of PyTorch's (Tests/InstanSegTests).
enum WinogradKernel {
    static let bandFloats = 1 << 20

    /// G g Gᵀ for every (output, input) channel pair, stored as 16 matrices `outChannels × inChannels`
    /// (element e = 4 i + j of the 4×4 transform).
    static func transformWeights(_ w: [Float], outChannels: Int, inChannels: Int) -> [Float] {
        var u = [Float](repeating: 0, count: 16 * outChannels * inChannels)
        for o in 0..<outChannels {
            for i in 0..<inChannels {
                let g = (0..<9).map { Double(w[(o * inChannels + i) * 9 + $0]) }
                // Gg: 4×3.
                var gg = [Double](repeating: 0, count: 12)
                for c in 0..<3 {
                    let (a, b, d) = (g[c], g[3 + c], g[6 + c])
                    gg[c] = a
                    gg[3 + c] = (a + b + d) / 2
                    gg[6 + c] = (a - b + d) / 2
                    gg[9 + c] = d
                }
                for r in 0..<4 {
                    let (a, b, d) = (gg[3 * r], gg[3 * r + 1], gg[3 * r + 2])
                    let row = [a, (a + b + d) / 2, (a - b + d) / 2, d]
                    for c in 0..<4 { u[((4 * r + c) * outChannels + o) * inChannels + i] = Float(row[c]) }
                }
            }
        }
        return u
    }

    static func run(_ unit: FoldedConvolution, transformed u: [Float], from source: FeatureSource,
                    into destination: FeatureDestination, scratch: [ConvolutionScratch]) {
        let height = source.viewHeight, width = source.viewWidth
        let cin = unit.inChannels, cout = unit.outChannels, tilesX = width / 2
        let tileRowsPerBand = Bands.size(total: height / 2, preferred: bandFloats / max(1, 16 * cin * tilesX), workers: scratch.count)
        let maxTiles = tileRowsPerBand * tilesX
        for s in scratch { s.reserve(columns: 16 * cin * maxTiles, product: 16 * cout * maxTiles, row: 9 * (width + 2)) }
        Bands.run(total: height / 2, size: tileRowsPerBand, workers: scratch.count) { tileRows, worker in
            let v = scratch[worker].columns.pointer, m = scratch[worker].product.pointer, tiles = tileRows.count * tilesX
            transformInput(source, tileRows: tileRows, into: v, rowScratch: scratch[worker].row.pointer)
            u.withUnsafeBufferPointer { u in
                for e in 0..<16 {
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(cout), Int32(tiles), Int32(cin),
                                1, u.baseAddress! + e * cout * cin, Int32(cin), v + e * cin * tiles, Int32(tiles),
                                0, m + e * cout * tiles, Int32(tiles))
                }
            }
            transformOutput(unit, m, tileRows: tileRows, tilesX: tilesX, into: destination)
        }
    }

    /// V = Bᵀ d B for every tile of the band and input channel, as 16 matrices `inChannels × tiles`.
    private static func transformInput(_ source: FeatureSource, tileRows: Range<Int>, into v: UnsafeMutablePointer<Float>,
                                       rowScratch: UnsafeMutablePointer<Float>) {
        let height = source.viewHeight, width = source.viewWidth, tilesX = width / 2
        let tiles = tileRows.count * tilesX, cin = source.channels, stride = width + 2
        // r0…r3 = rows of Bᵀ d, zero-padded by one column on each side; then four slots for rows built
        // by pooling or upsampling, then a row of zeros for rows outside the map.
        let r = rowScratch, built = rowScratch + 4 * stride, zero = UnsafePointer(rowScratch + 8 * stride)
        memset(rowScratch, 0, 9 * stride * MemoryLayout<Float>.stride)
        for c in 0..<cin {
            for ty in tileRows {
                // Input rows 2ty − 1 … 2ty + 2.
                var rows = (zero, zero, zero, zero)
                for k in 0..<4 {
                    let y = 2 * ty - 1 + k
                    guard y >= 0, y < height else { continue }
                    let row = source.row(c, y, scratch: built + k * stride)
                    switch k {
                    case 0: rows.0 = row
                    case 1: rows.1 = row
                    case 2: rows.2 = row
                    default: rows.3 = row
                    }
                }
                combineRows(rows, width: width, into: r + 1, stride: stride)
                let base = (ty - tileRows.lowerBound) * tilesX
                for i in 0..<4 {
                    let ri = r + i * stride
                    let o0 = v + ((4 * i) * cin + c) * tiles + base
                    let o1 = o0 + cin * tiles, o2 = o1 + cin * tiles, o3 = o2 + cin * tiles
                    for tx in 0..<tilesX {
                        let x = 2 * tx
                        let a = ri[x], b = ri[x + 1], cc = ri[x + 2], d = ri[x + 3]
                        o0[tx] = a - cc
                        o1[tx] = b + cc
                        o2[tx] = cc - b
                        o3[tx] = b - d
                    }
                }
            }
        }
    }

    /// Bᵀ d over rows: r0 = d0 − d2, r1 = d1 + d2, r2 = d2 − d1, r3 = d1 − d3, one row width.
    private static func combineRows(_ d: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>),
                                    width: Int, into r: UnsafeMutablePointer<Float>, stride: Int) {
        let r0 = r, r1 = r + stride, r2 = r + 2 * stride, r3 = r + 3 * stride
        for x in 0..<width {
            let d0 = d.0[x], d1 = d.1[x], d2 = d.2[x], d3 = d.3[x]
            r0[x] = d0 - d2
            r1[x] = d1 + d2
            r2[x] = d2 - d1
            r3[x] = d1 - d3
        }
    }

    /// Y = Aᵀ M A per tile and output channel, then + bias, ReLU, store or add.
    private static func transformOutput(_ unit: FoldedConvolution, _ m: UnsafeMutablePointer<Float>, tileRows: Range<Int>,
                                        tilesX: Int, into d: FeatureDestination) {
        let cout = unit.outChannels, tiles = tileRows.count * tilesX, width = 2 * tilesX
        precondition(!d.upsampled, "Winograd units write at their own size")
        for c in 0..<cout {
            let bias = unit.bias[c], relu = unit.relu
            let plane = d.base + c * d.height * d.width
            for ty in tileRows {
                let base = (ty - tileRows.lowerBound) * tilesX
                let top = plane + 2 * ty * width, bottom = top + width
                let p = m + c * tiles + base, step = cout * tiles
                for tx in 0..<tilesX {
                    // Aᵀ M over rows (s0 = m0 + m1 + m2, s1 = m1 − m2 − m3), then the same over columns.
                    let q = p + tx
                    let s00 = q[0] + q[4 * step] + q[8 * step], s01 = q[step] + q[5 * step] + q[9 * step]
                    let s02 = q[2 * step] + q[6 * step] + q[10 * step], s03 = q[3 * step] + q[7 * step] + q[11 * step]
                    let s10 = q[4 * step] - q[8 * step] - q[12 * step], s11 = q[5 * step] - q[9 * step] - q[13 * step]
                    let s12 = q[6 * step] - q[10 * step] - q[14 * step], s13 = q[7 * step] - q[11 * step] - q[15 * step]
                    var y00 = s00 + s01 + s02 + bias, y01 = s01 - s02 - s03 + bias
                    var y10 = s10 + s11 + s12 + bias, y11 = s11 - s12 - s13 + bias
                    if relu { y00 = max(y00, 0); y01 = max(y01, 0); y10 = max(y10, 0); y11 = max(y11, 0) }
                    let x = 2 * tx
                    if d.accumulate {
                        top[x] += y00; top[x + 1] += y01; bottom[x] += y10; bottom[x + 1] += y11
                    } else {
                        top[x] = y00; top[x + 1] = y01; bottom[x] = y10; bottom[x + 1] = y11
                    }
                }
            }
        }
    }
}
