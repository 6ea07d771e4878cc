import COpenBLAS
import Foundation

/// 3×3 convolution (zero padding 1, stride 1) by Winograd's minimal filtering F(4×4, 3×3)
/// (Lavin & Gray, "Fast Algorithms for Convolutional Neural Networks", CVPR 2016): 36 sgemms of
/// `outChannels × inChannels` by `inChannels × tiles` instead of one of `9 · inChannels` columns,
/// 4× fewer multiply-adds (F(2×2, 3×3) saves 2.25×).
///
/// Per 4×4 output tile and channel pair: `Y = Aᵀ [(G g Gᵀ) ⊙ (Bᵀ d B)] A` with d the 6×6 input patch
/// starting one pixel above and left of the tile and g the 3×3 kernel. The interpolation points are
/// 0, ±1, ±½ and ∞ (the well-conditioned choice: the output transform's coefficients are at most 1;
/// rows scaled by powers of two, which is exact, to give an integer input transform):
/// ```
/// Bᵀ = [1  0 −5  0  4  0      G = [  1    0    0       Aᵀ = [1  1  1  1    1    0
///       0 −1 −1  4  4  0           1/6  1/6  1/6             0  1 −1  1/2 −1/2  0
///       0  1 −1 −4  4  0           1/6 −1/6  1/6             0  1  1  1/4  1/4  0
///       0 −1 −2  1  2  0          −4/3 −2/3 −1/3             0  1 −1  1/8 −1/8  1]
///       0  1 −2 −1  2  0          −4/3  2/3 −1/3
///       0  1  0 −5  0  4]           0    0   1/4]
/// ```
/// Maps whose sizes are not multiples of 4 get partial tiles at the right and bottom (zeros read,
/// nothing written outside). Rounding differs from direct convolution by a few ulps of the partial
/// sums; the network's output stays within 1e-3 of PyTorch's (Tests/InstanSegTests).
enum WinogradKernel {
    static let bandFloats = 1 << 20
    /// Output tile side (m) and input patch side (m + 2).
    static let tile = 4, patch = 6

    /// G g Gᵀ for every (output, input) channel pair, stored as 36 matrices `outChannels × inChannels`
    /// (element e = 6 i + j of the 6×6 transform).
    static func transformWeights(_ w: [Float], outChannels: Int, inChannels: Int) -> [Float] {
        let gm: [[Double]] = [[1, 0, 0], [1.0 / 6, 1.0 / 6, 1.0 / 6], [1.0 / 6, -1.0 / 6, 1.0 / 6],
                              [-4.0 / 3, -2.0 / 3, -1.0 / 3], [-4.0 / 3, 2.0 / 3, -1.0 / 3], [0, 0, 0.25]]
        var u = [Float](repeating: 0, count: 36 * outChannels * inChannels)
        var gg = [Double](repeating: 0, count: 18)
        for o in 0..<outChannels {
            for i in 0..<inChannels {
                let g = (0..<9).map { Double(w[(o * inChannels + i) * 9 + $0]) }
                // G g: 6×3.
                for r in 0..<6 {
                    for c in 0..<3 { gg[3 * r + c] = gm[r][0] * g[c] + gm[r][1] * g[3 + c] + gm[r][2] * g[6 + c] }
                }
                // (G g) Gᵀ: 6×6.
                for r in 0..<6 {
                    for c in 0..<6 {
                        let value = gg[3 * r] * gm[c][0] + gg[3 * r + 1] * gm[c][1] + gg[3 * r + 2] * gm[c][2]
                        u[((6 * r + c) * outChannels + o) * inChannels + i] = Float(value)
                    }
                }
            }
        }
        return u
    }

    static func run(_ unit: FoldedConvolution, transformed u: [Float], from source: FeatureSource,
                    into destination: FeatureDestination, scratch: [ConvolutionScratch]) {
        let height = source.viewHeight, width = source.viewWidth
        let cin = unit.inChannels, cout = unit.outChannels
        let tilesX = (width + tile - 1) / tile, tilesY = (height + tile - 1) / tile
        let tileRowsPerBand = Bands.size(total: tilesY, preferred: bandFloats / max(1, 36 * cin * tilesX), workers: scratch.count)
        let maxTiles = tileRowsPerBand * tilesX
        let stride = tile * tilesX + 2
        for s in scratch { s.reserve(columns: 36 * cin * maxTiles, product: 36 * cout * maxTiles, row: 13 * stride) }  // ≥ 24 · tilesX for the output transform
        Bands.run(total: tilesY, size: tileRowsPerBand, workers: scratch.count) { tileRows, worker in
            let v = scratch[worker].columns.pointer, m = scratch[worker].product.pointer, tiles = tileRows.count * tilesX
            transformInput(source, tileRows: tileRows, tilesX: tilesX, into: v, rowScratch: scratch[worker].row.pointer)
            u.withUnsafeBufferPointer { u in
                for e in 0..<36 {
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(cout), Int32(tiles), Int32(cin),
                                1, u.baseAddress! + e * cout * cin, Int32(cin), v + e * cin * tiles, Int32(tiles),
                                0, m + e * cout * tiles, Int32(tiles))
                }
            }
            transformOutput(unit, m, tileRows: tileRows, tilesX: tilesX, height: height, width: width, into: destination,
                            rowScratch: scratch[worker].row.pointer)
        }
    }

    /// V = Bᵀ d B for every tile of the band and input channel, as 36 matrices `inChannels × tiles`.
    private static func transformInput(_ source: FeatureSource, tileRows: Range<Int>, tilesX: Int,
                                       into v: UnsafeMutablePointer<Float>, rowScratch: UnsafeMutablePointer<Float>) {
        let height = source.viewHeight, width = source.viewWidth
        let tiles = tileRows.count * tilesX, cin = source.channels, stride = tile * tilesX + 2
        // r0…r5 = rows of Bᵀ d, zero-padded by one column on the left and up to the last tile's end on
        // the right; then six slots for rows built by pooling or upsampling, then a row of zeros for
        // rows outside the map.
        let r = rowScratch, built = rowScratch + 6 * stride, zero = UnsafePointer(rowScratch + 12 * stride)
        memset(rowScratch, 0, 13 * stride * MemoryLayout<Float>.stride)
        var rows = [UnsafePointer<Float>](repeating: zero, count: 6)
        let plane = cin * tiles
        for c in 0..<cin {
            for ty in tileRows {
                // Input rows 4ty − 1 … 4ty + 4.
                for k in 0..<6 {
                    let y = tile * ty - 1 + k
                    rows[k] = y >= 0 && y < height ? source.row(c, y, scratch: built + k * stride) : zero
                }
                combineRows(rows[0], rows[1], rows[2], rows[3], rows[4], rows[5], width: width, into: r + 1, stride: stride)
                let base = (ty - tileRows.lowerBound) * tilesX
                for i in 0..<6 {
                    let ri = r + i * stride
                    let o0 = v + ((6 * i) * cin + c) * tiles + base
                    let o1 = o0 + plane, o2 = o1 + plane, o3 = o2 + plane, o4 = o3 + plane, o5 = o4 + plane
                    // Four tiles at a time: lanes are tiles (a 4×4 transpose of 16 consecutive values).
                    let groups = tilesX / 4
                    for g in 0..<groups {
                        let q = ri + 16 * g
                        let a = load4(q), b = load4(q + 4), c = load4(q + 8), d = load4(q + 12)
                        let d0 = SIMD4(a[0], b[0], c[0], d[0]), d1 = SIMD4(a[1], b[1], c[1], d[1])
                        let d2 = SIMD4(a[2], b[2], c[2], d[2]), d3 = SIMD4(a[3], b[3], c[3], d[3])
                        let d4 = SIMD4(b[0], c[0], d[0], q[16]), d5 = SIMD4(b[1], c[1], d[1], q[17])
                        let a4 = 4 * d4 - d2, b4 = 4 * d3 - d1, c2 = 2 * (d4 - d2), dd = d3 - d1
                        store4(d0 - 5 * d2 + 4 * d4, o0 + 4 * g)
                        store4(a4 + b4, o1 + 4 * g)
                        store4(a4 - b4, o2 + 4 * g)
                        store4(c2 + dd, o3 + 4 * g)
                        store4(c2 - dd, o4 + 4 * g)
                        store4(d1 - 5 * d3 + 4 * d5, o5 + 4 * g)
                    }
                    for tx in 4 * groups..<tilesX {
                        let q = ri + tile * tx
                        let d0 = q[0], d1 = q[1], d2 = q[2], d3 = q[3], d4 = q[4], d5 = q[5]
                        let a = 4 * d4 - d2, b = 4 * d3 - d1, cc = 2 * (d4 - d2), dd = d3 - d1
                        o0[tx] = d0 - 5 * d2 + 4 * d4
                        o1[tx] = a + b
                        o2[tx] = a - b
                        o3[tx] = cc + dd
                        o4[tx] = cc - dd
                        o5[tx] = d1 - 5 * d3 + 4 * d5
                    }
                }
            }
        }
    }

    /// Bᵀ d over rows, one row width (the same combinations as over columns in `transformInput`).
    private static func combineRows(_ s0: UnsafePointer<Float>, _ s1: UnsafePointer<Float>, _ s2: UnsafePointer<Float>,
                                    _ s3: UnsafePointer<Float>, _ s4: UnsafePointer<Float>, _ s5: UnsafePointer<Float>,
                                    width: Int, into r: UnsafeMutablePointer<Float>, stride: Int) {
        let r0 = r, r1 = r + stride, r2 = r + 2 * stride, r3 = r + 3 * stride, r4 = r + 4 * stride, r5 = r + 5 * stride
        for x in 0..<width {
            let d0 = s0[x], d1 = s1[x], d2 = s2[x], d3 = s3[x], d4 = s4[x], d5 = s5[x]
            let a = 4 * d4 - d2, b = 4 * d3 - d1, cc = 2 * (d4 - d2), dd = d3 - d1
            r0[x] = d0 - 5 * d2 + 4 * d4
            r1[x] = a + b
            r2[x] = a - b
            r3[x] = cc + dd
            r4[x] = cc - dd
            r5[x] = d1 - 5 * d3 + 4 * d5
        }
    }

    /// Y = Aᵀ M A per tile and output channel, then + bias, ReLU, store or add (inside the map only).
    /// Per channel and tile row: Aᵀ M into `t` (row j, column k, all tiles of the row: streams over the
    /// tiles), then the same combinations across the six columns, one output row at a time.
    private static func transformOutput(_ unit: FoldedConvolution, _ m: UnsafeMutablePointer<Float>, tileRows: Range<Int>,
                                        tilesX: Int, height: Int, width: Int, into d: FeatureDestination,
                                        rowScratch t: UnsafeMutablePointer<Float>) {
        let cout = unit.outChannels, tiles = tileRows.count * tilesX
        precondition(!d.upsampled, "Winograd units write at their own size")
        let step = cout * tiles, relu = unit.relu, accumulate = d.accumulate
        let fullTiles = width / tile
        for c in 0..<cout {
            let bias = unit.bias[c]
            let plane = d.base + c * d.height * d.width
            for ty in tileRows {
                let base = (ty - tileRows.lowerBound) * tilesX
                let y0 = tile * ty, rowsHere = min(tile, height - y0)
                let p = m + c * tiles + base
                // t[(6 j + k) · tilesX + tx] = Σ_i Aᵀ[j][i] M[i][k] of tile tx.
                for k in 0..<6 {
                    let q0 = p + k * step, q1 = q0 + 6 * step, q2 = q1 + 6 * step
                    let q3 = q2 + 6 * step, q4 = q3 + 6 * step, q5 = q4 + 6 * step
                    let t0 = t + k * tilesX, t1 = t0 + 6 * tilesX, t2 = t1 + 6 * tilesX, t3 = t2 + 6 * tilesX
                    for tx in 0..<tilesX {
                        let m1 = q1[tx], m2 = q2[tx], m3 = q3[tx], m4 = q4[tx]
                        let sp = m1 + m2, sm = m1 - m2, hp = m3 + m4, hm = m3 - m4
                        t0[tx] = q0[tx] + sp + hp
                        t1[tx] = sm + 0.5 * hm
                        t2[tx] = sp + 0.25 * hp
                        t3[tx] = sm + 0.125 * hm + q5[tx]
                    }
                }
                for j in 0..<rowsHere {
                    let r0 = t + 6 * j * tilesX, r1 = r0 + tilesX, r2 = r1 + tilesX, r3 = r2 + tilesX, r4 = r3 + tilesX, r5 = r4 + tilesX
                    let out = plane + (y0 + j) * width
                    for tx in 0..<tilesX {
                        let m1 = r1[tx], m2 = r2[tx], m3 = r3[tx], m4 = r4[tx]
                        let sp = m1 + m2, sm = m1 - m2, hp = m3 + m4, hm = m3 - m4
                        var y0 = r0[tx] + sp + hp + bias, y1 = sm + 0.5 * hm + bias
                        var y2 = sp + 0.25 * hp + bias, y3 = sm + 0.125 * hm + r5[tx] + bias
                        if relu { y0 = max(y0, 0); y1 = max(y1, 0); y2 = max(y2, 0); y3 = max(y3, 0) }
                        let o = out + tile * tx
                        if tx < fullTiles {
                            if accumulate {
                                o[0] += y0; o[1] += y1; o[2] += y2; o[3] += y3
                            } else {
                                o[0] = y0; o[1] = y1; o[2] = y2; o[3] = y3
                            }
                        } else {
                            let values = SIMD4(y0, y1, y2, y3)
                            for x in 0..<(width - tile * tx) {
                                if accumulate { o[x] += values[x] } else { o[x] = values[x] }
                            }
                        }
                    }
                }
            }
        }
    }

    @inline(__always) private static func load4(_ p: UnsafeMutablePointer<Float>) -> SIMD4<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Float>.self)
    }

    @inline(__always) private static func store4(_ v: SIMD4<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Float>.self)
    }
}
