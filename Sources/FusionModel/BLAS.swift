import COpenBLAS

/// Thin, checked-at-the-call wrappers around OpenBLAS single-precision routines.
///
/// Pointers are lent only inside `withUnsafe…BufferPointer` scopes. All matrices are row-major.
enum BLAS {
    /// C ← alpha · op(A) · op(B) + beta · C (`cblas_sgemm`; `cblas_sgemv` when the result is a vector).
    ///
    /// op(A) is m×k, op(B) is k×n, C is m×n. `a` holds A as stored (k×m when `transposeA`).
    static func gemm(
        _ a: [Float], transposeA: Bool, _ b: [Float], transposeB: Bool,
        m: Int, n: Int, k: Int, alpha: Float = 1, beta: Float, into c: inout [Float]
    ) {
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            // op(A)·op(B) is the zero matrix; only the beta scaling applies.
            for i in c.indices { c[i] *= beta }
            return
        }
        let lda = transposeA ? m : k
        let ldb = transposeB ? k : n
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    if n == 1 && !transposeB {
                        // y = op(A)·x with x the single column of B (contiguous since ldb == 1).
                        cblas_sgemv(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
                                    Int32(transposeA ? k : m), Int32(transposeA ? m : k), alpha,
                                    pa.baseAddress, Int32(lda), pb.baseAddress, 1, beta, pc.baseAddress, 1)
                    } else if m == 1 && !transposeA {
                        // yᵀ = xᵀ·op(B)  ⇔  y = op(B)ᵀ·x.
                        cblas_sgemv(CblasRowMajor, transposeB ? CblasNoTrans : CblasTrans,
                                    Int32(transposeB ? n : k), Int32(transposeB ? k : n), alpha,
                                    pb.baseAddress, Int32(ldb), pa.baseAddress, 1, beta, pc.baseAddress, 1)
                    } else {
                        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
                                    transposeB ? CblasTrans : CblasNoTrans,
                                    Int32(m), Int32(n), Int32(k), alpha,
                                    pa.baseAddress, Int32(lda), pb.baseAddress, Int32(ldb),
                                    beta, pc.baseAddress, Int32(n))
                    }
                }
            }
        }
    }

}

/// The OpenBLAS thread pool used by every matrix product of this module.
public enum BLASThreads {
    /// Sets the number of OpenBLAS worker threads (`openblas_set_num_threads`; values < 1 mean 1),
    /// for repeatable timing or when the caller parallelises itself.
    public static func set(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
    }

    /// The current number of OpenBLAS threads (`openblas_get_num_threads`).
    public static var count: Int { Int(openblas_get_num_threads()) }

    /// Stops the worker threads OpenBLAS started when it was loaded (idle, they spin for ~0.1 s of CPU
    /// time); the next threaded BLAS call starts them again. For processes that may never call BLAS.
    public static func stopIdle() { tme_openblas_stop_idle_threads() }
}
