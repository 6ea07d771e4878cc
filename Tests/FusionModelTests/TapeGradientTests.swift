import Testing
@testable import FusionModel

/// Every tape operation against central finite differences (tolerance stated in `GradientCheck`).
@Suite struct TapeGradientTests {
    typealias G = GradientCheck

    func expectGradients(_ inputs: [Matrix], scalarOutput: Bool = false,
                         _ build: (Tape, [Variable]) throws -> Variable) throws {
        let (failures, compared) = try G.check(inputs, scalarOutput: scalarOutput, build)
        #expect(compared == inputs.reduce(0) { $0 + $1.count })
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test func matmulGeneral() throws {
        try expectGradients([G.random(4, 3, seed: 1), G.random(3, 5, seed: 2)]) { t, x in try t.matmul(x[0], x[1]) }
    }

    @Test func matmulVectorShapesUseGemv() throws {
        try expectGradients([G.random(5, 3, seed: 3), G.random(3, 1, seed: 4)]) { t, x in try t.matmul(x[0], x[1]) }
        try expectGradients([G.random(1, 3, seed: 5), G.random(3, 4, seed: 6)]) { t, x in try t.matmul(x[0], x[1]) }
    }

    @Test func matmulValueMatchesNaiveProduct() throws {
        let a = G.random(3, 4, seed: 8), b = G.random(4, 2, seed: 9)
        let t = Tape()
        let c = t.value(try t.matmul(t.constant(a), t.constant(b)))
        for i in 0..<3 { for j in 0..<2 {
            let naive = (0..<4).reduce(Float(0)) { $0 + a[i, $1] * b[$1, j] }
            #expect(abs(c[i, j] - naive) < 1e-5)
        } }
    }

    @Test func addSameShapeAndRowBroadcast() throws {
        try expectGradients([G.random(4, 3, seed: 10), G.random(4, 3, seed: 11)]) { t, x in try t.add(x[0], x[1]) }
        try expectGradients([G.random(4, 3, seed: 12), G.random(1, 3, seed: 13)]) { t, x in try t.add(x[0], x[1]) }
    }

    @Test func multiplySameShapeAndRowBroadcast() throws {
        try expectGradients([G.random(4, 3, seed: 14), G.random(4, 3, seed: 15)]) { t, x in try t.multiply(x[0], x[1]) }
        try expectGradients([G.random(4, 3, seed: 16), G.random(1, 3, seed: 17)]) { t, x in try t.multiply(x[0], x[1]) }
    }

    @Test func scaleAndTranspose() throws {
        try expectGradients([G.random(3, 2, seed: 18)]) { t, x in t.scale(x[0], by: -2.5) }
        try expectGradients([G.random(3, 2, seed: 19)]) { t, x in t.transpose(x[0]) }
    }

    @Test func activations() throws {
        try expectGradients([G.random(5, 3, seed: 20)]) { t, x in t.tanh(x[0]) }
        try expectGradients([G.random(5, 3, seed: 21, scale: 3)]) { t, x in t.sigmoid(x[0]) }
        try expectGradients([G.random(5, 3, seed: 22, margin: 0.1)]) { t, x in t.relu(x[0]) }
        try expectGradients([G.random(5, 3, seed: 23, margin: 0.1)]) { t, x in t.selu(x[0]) }
    }

    @Test func softmaxPlainAndMasked() throws {
        try expectGradients([G.random(6, 1, seed: 24)]) { t, x in try t.softmax(x[0]) }
        let keep = [true, false, true, true, false, true]
        try expectGradients([G.random(6, 1, seed: 25)]) { t, x in try t.softmax(x[0], keep: keep) }
        let t = Tape()
        let y = t.value(try t.softmax(t.constant(G.random(6, 1, seed: 25)), keep: keep)).values
        #expect(y[1] == 0 && y[4] == 0)
        #expect(abs(y.reduce(0, +) - 1) < 1e-6)
    }

    @Test func softmaxAllMaskedThrows() {
        let t = Tape()
        #expect(throws: FusionModelError.self) { try t.softmax(t.constant(Matrix(column: [1, 2])), keep: [false, false]) }
    }

    @Test func logSumExpSumMean() throws {
        try expectGradients([G.random(4, 2, seed: 26, scale: 3)], scalarOutput: true) { t, x in try t.logSumExp(x[0]) }
        try expectGradients([G.random(4, 2, seed: 27)], scalarOutput: true) { t, x in t.sum(x[0]) }
        try expectGradients([G.random(4, 2, seed: 28)], scalarOutput: true) { t, x in t.mean(x[0]) }
        // log(e^1000 + e^1000) = 1000 + log 2 without overflow.
        let t = Tape()
        let v = t.value(try t.logSumExp(t.constant(Matrix(column: [1000, 1000])))).values[0]
        #expect(abs(v - (1000 + 0.693_147_2)) < 1e-3)
    }

    @Test func concatenation() throws {
        try expectGradients([G.random(2, 3, seed: 29), G.random(1, 3, seed: 30)]) { t, x in try t.concatRows(x) }
        try expectGradients([G.random(2, 3, seed: 31), G.random(2, 1, seed: 32)]) { t, x in try t.concatColumns(x) }
    }

    @Test func masking() throws {
        try expectGradients([G.random(3, 2, seed: 33)]) { t, x in try t.mask(x[0], keepRows: [true, false, true]) }
        let t = Tape()
        let x = t.parameter(G.random(3, 2, seed: 33))
        let y = try t.mask(x, keepRows: [true, false, true])
        try t.backward(from: t.sum(y))
        #expect(t.gradient(x).values == [1, 1, 0, 0, 1, 1])
    }

    @Test func dropoutAndAlphaDropout() throws {
        // The same seed gives the same mask in every evaluation, so the op is a fixed affine map.
        try expectGradients([G.random(6, 4, seed: 34)]) { t, x in
            var g = SeededGenerator(seed: 5)
            return try t.dropout(x[0], probability: 0.3, using: &g)
        }
        try expectGradients([G.random(6, 4, seed: 35)]) { t, x in
            var g = SeededGenerator(seed: 6)
            return try t.alphaDropout(x[0], probability: 0.2, using: &g)
        }
    }

    @Test func alphaDropoutKeepsStandardNormalMoments() throws {
        // SELU fixed point: inputs N(0, 1) keep mean ≈ 0 and variance ≈ 1 after alpha dropout.
        let t = Tape()
        var g = SeededGenerator(seed: 11)
        let x = t.constant(G.random(200, 100, seed: 36))
        let y = t.value(try t.alphaDropout(x, probability: 0.1, using: &g)).values.map(Double.init)
        let mean = y.reduce(0, +) / Double(y.count)
        let variance = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(y.count)
        #expect(abs(mean) < 0.03)
        #expect(abs(variance - 1) < 0.05)
    }

    @Test func binaryCrossEntropy() throws {
        let labels: [Float] = [1, 0, 0, 1, 1]
        try expectGradients([G.random(5, 1, seed: 37, scale: 2)], scalarOutput: true) { t, x in
            try t.binaryCrossEntropy(logits: x[0], labels: labels)
        }
        // Reference: −log σ(2) = log(1 + e^−2) = 0.126928.
        let t = Tape()
        let v = t.value(try t.binaryCrossEntropy(logits: t.constant(Matrix(column: [2])), labels: [1])).values[0]
        #expect(abs(v - 0.126_928) < 1e-5)
    }

    @Test func coxPartialLikelihoodWithTies() throws {
        let times: [Double] = [5, 3, 3, 8, 1, 3, 8]
        let events = [true, true, false, true, false, true, false]
        try expectGradients([G.random(7, 1, seed: 38)], scalarOutput: true) { t, x in
            try t.coxPartialLikelihood(risk: x[0], times: times, events: events)
        }
    }

    @Test func backwardNeedsScalar() {
        let t = Tape()
        let x = t.parameter(Matrix(row: [1, 2]))
        #expect(throws: FusionModelError.nonScalarLoss(rows: 1, columns: 2)) { try t.backward(from: x) }
    }

    @Test func shapeMismatchThrows() {
        let t = Tape()
        let a = t.constant(Matrix(rows: 2, columns: 3)), b = t.constant(Matrix(rows: 2, columns: 3))
        #expect(throws: FusionModelError.self) { try t.matmul(a, b) }
        #expect(throws: FusionModelError.self) { try t.add(a, t.constant(Matrix(rows: 1, columns: 2))) }
    }
}
