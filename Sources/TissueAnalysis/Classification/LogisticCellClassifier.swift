import Foundation

/// Training settings of `LogisticCellClassifier`.
public struct LogisticTrainingParameters: Sendable, Hashable, Codable {
    /// L2 penalty λ on the weights (not the intercepts), per cell. Default 1e-3, range 0–10.
    public var l2Penalty: Double = 1e-3
    /// Full-batch gradient steps. Default 2000, range 10–100 000.
    public var iterations: Int = 2000
    /// Adam step size. Default 0.05, range 1e-4–1.
    public var learningRate: Double = 0.05

    public init() {}

    func validate() throws {
        guard l2Penalty.isFinite, (0...10).contains(l2Penalty) else {
            throw TissueAnalysisError.invalidParameter(name: "l2Penalty", value: "\(l2Penalty)", expected: "0–10")
        }
        guard (10...100_000).contains(iterations) else {
            throw TissueAnalysisError.invalidParameter(name: "iterations", value: "\(iterations)", expected: "10–100000")
        }
        guard learningRate.isFinite, (1e-4...1).contains(learningRate) else {
            throw TissueAnalysisError.invalidParameter(name: "learningRate", value: "\(learningRate)", expected: "1e-4–1")
        }
    }
}

/// A multinomial logistic-regression cell classifier trained on labelled nuclei, saved as JSON.
///
/// Features (`CellFeature.allCases`) are standardised with the training mean and standard deviation; the model
/// is `P(class k | x) = softmax_k(b_k + w_k · z)`, z the standardised features. Training minimises the mean
/// cross-entropy plus `λ/2 · Σ w²` by full-batch Adam (Kingma & Ba 2015) from zero weights — deterministic,
/// the same data give the same model. Classes absent from the training data get no weights and are never
/// predicted. The JSON holds the format version, feature names, classes, standardisation, weights, training
/// settings and training accuracy, so a model can be audited and re-read by other tools.
///
/// Reference: T. Hastie, R. Tibshirani, J. Friedman, *The Elements of Statistical Learning*, 2nd ed., §4.4.
public struct LogisticCellClassifier: CellClassifier, Hashable, Codable {
    public static let formatVersion = 1

    public let formatVersion: Int
    public let featureNames: [String]
    public let classes: [CellClass]
    public let featureMeans: [Double]
    public let featureScales: [Double]
    /// One row per class, one column per feature.
    public let weights: [[Double]]
    public let intercepts: [Double]
    public let training: LogisticTrainingParameters
    public let trainingCellCount: Int
    public let trainingAccuracy: Double

    /// Trains on `nuclei` labelled `labels`. Throws `invalidTrainingData` for empty or mismatched input or
    /// fewer than two classes.
    public init(training nuclei: [Nucleus], labels: [CellClass],
                parameters: LogisticTrainingParameters = LogisticTrainingParameters()) throws {
        try parameters.validate()
        guard nuclei.count == labels.count else {
            throw TissueAnalysisError.invalidTrainingData(reason: "\(nuclei.count) nuclei but \(labels.count) labels")
        }
        let classes = CellClass.allCases.filter { labels.contains($0) }
        guard classes.count >= 2 else {
            throw TissueAnalysisError.invalidTrainingData(reason: "needs at least two classes, found \(classes.count)")
        }
        let x = nuclei.map(CellFeature.vector(of:))
        let d = CellFeature.allCases.count, n = Double(x.count)
        var means = [Double](repeating: 0, count: d), scales = means
        for row in x { for j in 0..<d { means[j] += row[j] / n } }
        for row in x { for j in 0..<d { scales[j] += (row[j] - means[j]) * (row[j] - means[j]) / n } }
        scales = scales.map { $0 > 1e-12 ? $0.squareRoot() : 1 }
        let z = x.map { row in (0..<d).map { (row[$0] - means[$0]) / scales[$0] } }
        let y = labels.map { classes.firstIndex(of: $0)! }
        let (w, b) = Self.fit(z: z, y: y, classCount: classes.count, parameters: parameters)
        self.formatVersion = Self.formatVersion
        self.featureNames = CellFeature.allCases.map(\.rawValue)
        self.classes = classes
        self.featureMeans = means
        self.featureScales = scales
        self.weights = w
        self.intercepts = b
        self.training = parameters
        self.trainingCellCount = x.count
        var correct = 0
        for (i, row) in z.enumerated() where Self.argmax(Self.scores(row, w, b)) == y[i] { correct += 1 }
        self.trainingAccuracy = Double(correct) / n
    }

    public func classify(_ nucleus: Nucleus) -> CellClass {
        classes[Self.argmax(Self.scores(standardised(nucleus), weights, intercepts))]
    }

    /// Class probabilities of `nucleus`, in `classes` order.
    public func probabilities(_ nucleus: Nucleus) -> [Double] {
        Self.softmax(Self.scores(standardised(nucleus), weights, intercepts))
    }

    // MARK: - JSON

    /// The model as pretty-printed JSON with sorted keys.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    /// Reads a model written by `jsonData()`; checks the format version, feature names and array shapes.
    public static func decode(json: Data) throws -> LogisticCellClassifier {
        let model = try JSONDecoder().decode(LogisticCellClassifier.self, from: json)
        guard model.formatVersion == formatVersion else {
            throw TissueAnalysisError.unsupportedModelVersion(found: model.formatVersion, supported: formatVersion)
        }
        let names = CellFeature.allCases.map(\.rawValue)
        guard model.featureNames == names else {
            throw TissueAnalysisError.invalidTrainingData(reason: "model features \(model.featureNames) differ from \(names)")
        }
        let d = names.count, k = model.classes.count
        guard model.featureMeans.count == d, model.featureScales.count == d, model.intercepts.count == k,
              model.weights.count == k, model.weights.allSatisfy({ $0.count == d }) else {
            throw TissueAnalysisError.invalidTrainingData(reason: "model arrays do not match \(k) classes × \(d) features")
        }
        return model
    }

    // MARK: - Maths

    private func standardised(_ n: Nucleus) -> [Double] {
        let x = CellFeature.vector(of: n)
        return (0..<x.count).map { (x[$0] - featureMeans[$0]) / featureScales[$0] }
    }

    static func scores(_ z: [Double], _ w: [[Double]], _ b: [Double]) -> [Double] {
        (0..<b.count).map { k in
            var s = b[k]
            for j in 0..<z.count { s += w[k][j] * z[j] }
            return s
        }
    }

    static func softmax(_ s: [Double]) -> [Double] {
        let m = s.max() ?? 0
        let e = s.map { exp($0 - m) }
        let total = e.reduce(0, +)
        return e.map { $0 / total }
    }

    static func argmax(_ s: [Double]) -> Int { s.indices.max { s[$0] < s[$1] } ?? 0 }

    /// Full-batch Adam on mean cross-entropy + λ/2 ‖W‖².
    static func fit(z: [[Double]], y: [Int], classCount k: Int, parameters p: LogisticTrainingParameters)
        -> ([[Double]], [Double]) {
        let d = z.first?.count ?? 0, n = Double(z.count)
        var w = [[Double]](repeating: [Double](repeating: 0, count: d), count: k)
        var b = [Double](repeating: 0, count: k)
        var mw = w, vw = w, mb = b, vb = b
        let beta1 = 0.9, beta2 = 0.999, eps = 1e-8
        for t in 1...p.iterations {
            var gw = [[Double]](repeating: [Double](repeating: 0, count: d), count: k)
            var gb = [Double](repeating: 0, count: k)
            for (i, row) in z.enumerated() {
                let prob = softmax(scores(row, w, b))
                for c in 0..<k {
                    let r = (prob[c] - (y[i] == c ? 1 : 0)) / n
                    gb[c] += r
                    for j in 0..<d { gw[c][j] += r * row[j] }
                }
            }
            let c1 = 1 - pow(beta1, Double(t)), c2 = 1 - pow(beta2, Double(t))
            for c in 0..<k {
                for j in 0..<d {
                    let g = gw[c][j] + p.l2Penalty * w[c][j]
                    mw[c][j] = beta1 * mw[c][j] + (1 - beta1) * g
                    vw[c][j] = beta2 * vw[c][j] + (1 - beta2) * g * g
                    w[c][j] -= p.learningRate * (mw[c][j] / c1) / ((vw[c][j] / c2).squareRoot() + eps)
                }
                mb[c] = beta1 * mb[c] + (1 - beta1) * gb[c]
                vb[c] = beta2 * vb[c] + (1 - beta2) * gb[c] * gb[c]
                b[c] -= p.learningRate * (mb[c] / c1) / ((vb[c] / c2).squareRoot() + eps)
            }
        }
        return (w, b)
    }
}
