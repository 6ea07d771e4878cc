import Foundation
import Testing
@testable import Reports
import TMECore

/// The provenance table shows a parameter set by its hash and its scalar settings, never a dump of
/// long arrays (the model configuration holds hundreds of standardisation values).
@Suite struct ParameterSummaryTests {
    @Test func flattensScalarsAndCountsLongArrays() {
        let json = #"{"seed": 7, "network": {"dropout": 0.1, "modalities": ["slide", "genomics"]}, "means": [1, 2, 3, 4, 5], "members": [{"a": 1}], "name": "x", "ok": true, "none": null}"#
        let s = ParameterSummary(Provenance.ParameterSet(name: "Model", json: json))
        #expect(s.sha256 == SHA256.hex(Array(json.utf8)))
        #expect(s.settings == ["means = [5 values]", "members = [1 entries]", "name = x", "network.dropout = 0.1",
                               "network.modalities = [slide, genomics]", "none = null", "ok = true", "seed = 7"])
        #expect(s.omitted == 0)
    }

    @Test func limitsTheNumberOfSettings() {
        let json = "{" + (0..<30).map { "\"k\(String(format: "%02d", $0))\": \($0)" }.joined(separator: ", ") + "}"
        let s = ParameterSummary(Provenance.ParameterSet(name: "Many", json: json), limit: 16)
        #expect(s.settings.count == 16)
        #expect(s.omitted == 14)
        #expect(s.text.hasSuffix("… and 14 more"))
    }

    @Test func invalidJSONIsNamedNotDropped() {
        let s = ParameterSummary(Provenance.ParameterSet(name: "Broken", json: "{not json"))
        #expect(s.settings == ["(not valid JSON: 9 characters)"])
    }
}
