/// Stable index orders of finite Doubles by LSD radix sort on order-preserving 64-bit keys
/// (11-bit digits, passes whose digit is shared by every key skipped): O(n), several times faster
/// than a comparison sort on the 10⁵–10⁶ subjects of a Cox fit or a concordance.
enum SortOrder {
    /// Indices ordering `values` ascending; equal values keep their index order.
    static func ascending(_ values: [Double]) -> [Int] { order(values, descending: false) }

    /// Indices ordering `values` descending; equal values keep their index order.
    static func descending(_ values: [Double]) -> [Int] { order(values, descending: true) }

    private static func order(_ values: [Double], descending: Bool) -> [Int] {
        let n = values.count
        let sign: UInt64 = 1 << 63
        var keys = values.map { v -> UInt64 in
            let bits = (v == 0 ? 0.0 : v).bitPattern  // −0 sorts with +0
            let key = bits & sign != 0 ? ~bits : bits | sign
            return descending ? ~key : key
        }
        var index = Array(0..<n)
        var keysOut = [UInt64](repeating: 0, count: n)
        var indexOut = [Int](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: 2048)
        for shift in stride(from: UInt64(0), to: 64, by: 11) {
            for d in 0..<2048 { counts[d] = 0 }
            for k in keys { counts[Int((k >> shift) & 2047)] += 1 }
            if counts.contains(n) { continue }
            var total = 0
            for d in 0..<2048 { let c = counts[d]; counts[d] = total; total += c }
            keys.withUnsafeBufferPointer { kin in
                index.withUnsafeBufferPointer { iin in
                    keysOut.withUnsafeMutableBufferPointer { kout in
                        indexOut.withUnsafeMutableBufferPointer { iout in
                            counts.withUnsafeMutableBufferPointer { c in
                                for i in 0..<n {
                                    let d = Int((kin[i] >> shift) & 2047)
                                    let pos = c[d]
                                    c[d] = pos + 1
                                    kout[pos] = kin[i]
                                    iout[pos] = iin[i]
                                }
                            }
                        }
                    }
                }
            }
            swap(&keys, &keysOut)
            swap(&index, &indexOut)
        }
        return index
    }
}
