import Foundation
import Testing
@testable import Pipeline
import Survival
import Tabular

@Suite struct SurvivalTableTests {
    @Test func readsQuotedCSVAndDropsMissing() throws {
        let text = """
            id,"os months",status,score
            "a, b",1.5,1:DECEASED,2
            c,2,0:LIVING,NA
            d,3,1:DECEASED,1

            """
        let t = try SurvivalTable(text: text, file: "x.csv")
        #expect(t.header == ["id", "os months", "status", "score"])
        let c = try t.columns(time: "os months", event: "status", numeric: ["score"])
        #expect(c.times == [1.5, 3])
        #expect(c.events == [true, true])
        #expect(c.numeric["score"] == [2, 1])
        #expect(c.droppedRows == 1)
    }

    @Test func detectsTabsAndEventCodings() throws {
        let t = try SurvivalTable(text: "t\te\tg\n1\ttrue\tx\n2\tfalse\ty\n", file: "x.tsv")
        let c = try t.columns(time: "t", event: "e", labels: ["g"])
        #expect(c.events == [true, false])
        #expect(c.labels["g"] == ["x", "y"])
        // R's 1 = censored, 2 = event coding.
        let r = try SurvivalTable(text: "t,s\n1,2\n2,1\n3,2\n", file: "r.csv").columns(time: "t", event: "s")
        #expect(r.events == [true, false, true])
    }

    @Test func errorsNameFileLineAndColumn() throws {
        let t = try SurvivalTable(text: "t,e,x\n1,1,2\n2,maybe,3\n", file: "bad.csv")
        #expect(throws: StatsInputError.notAnEvent(file: "bad.csv", line: 3, column: "e")) {
            try t.columns(time: "t", event: "e")
        }
        let u = try SurvivalTable(text: "t,e,x\n1,1,2\n2,0,high\n", file: "bad.csv")
        #expect(throws: StatsInputError.notNumeric(file: "bad.csv", line: 3, column: "x")) {
            try u.columns(time: "t", event: "e", numeric: ["x"])
        }
        #expect(throws: StatsInputError.table(.fieldCount(TextLocation(source: "r.csv", line: 2, column: 5), found: 3, expected: 2))) {
            try SurvivalTable(text: "a,b\n1,2,3\n", file: "r.csv")
        }
        #expect(throws: StatsInputError.self) { try t.columns(time: "t", event: "nope") }
    }

    /// The error text never echoes cell values.
    @Test func messagesLeakNoValues() throws {
        let t = try SurvivalTable(text: "t,e\n1,PATIENT-007\n", file: "p.csv")
        do {
            _ = try t.columns(time: "t", event: "e")
            Issue.record("expected an error")
        } catch {
            #expect(!"\(error)".contains("PATIENT-007"))
        }
    }
}

@Suite struct StatsReportTests {
    static let table = """
        time,event,group,score,age
        1,1,a,3,50
        2,1,b,1,60
        3,0,a,2,55
        4,1,b,5,70
        5,1,a,4,65
        6,0,b,0,40
        7,1,a,2,58
        """

    @Test func kmJSONHasTheDocumentedShape() throws {
        let t = try SurvivalTable(text: Self.table, file: "t.csv")
        let r = try KaplanMeierReport(table: t, time: "time", event: "event", group: nil)
        let json = r.json.rendered()
        #expect(json.hasPrefix(#"{"groups":[{"group":"all","n":7,"events":5,"median":5,"median_ci":["#))
        #expect(json.contains(#"{"time":1,"n_at_risk":7,"n_event":1,"n_censored":0,"survival":\#(1 - 1.0 / 7),"se":"#))
        #expect(json.hasSuffix(#"{"time":7,"n_at_risk":1,"n_event":1,"n_censored":0,"survival":0,"se":null,"ci_lower":null,"ci_upper":null}]}]}"#))
        let direct = try KaplanMeier.fit(times: [1, 2, 3, 4, 5, 6, 7], events: [true, true, false, true, true, false, true])
        #expect(r.groups[0].curve == direct)
        let grouped = try KaplanMeierReport(table: t, time: "time", event: "event", group: "group")
        #expect(grouped.groups.map(\.group) == ["a", "b"])
    }

    @Test func logRankCoxAndCIndexJSON() throws {
        let t = try SurvivalTable(text: Self.table, file: "t.csv")
        let lr = try LogRankReport(table: t, time: "time", event: "event", group: "group").json.rendered()
        #expect(lr.hasPrefix(#"{"chi2":"#) && lr.contains(#","df":1,"p":"#) && lr.contains(#""groups":[{"group":"a","observed":3,"expected":"#))
        let cox = try CoxReport(table: t, time: "time", event: "event", covariates: ["age"]).json.rendered()
        #expect(cox.hasPrefix(#"{"n":7,"events":5,"ties":"efron","coefficients":[{"name":"age","coef":"#))
        for key in ["\"se\":", "\"z\":", "\"p\":", "\"hr\":", "\"hr_ci_lower\":", "\"hr_ci_upper\":", "\"log_likelihood\":",
                    "\"log_likelihood_null\":", "\"lr_test\":{\"chi2\":", "\"concordance\":"] {
            #expect(cox.contains(key), "\(key)")
        }
        let c = try ConcordanceReport(table: t, time: "time", event: "event", score: "score")
        let direct = try Concordance.harrell(times: [1, 2, 3, 4, 5, 6, 7], events: [true, true, false, true, true, false, true],
                                             scores: [3, 1, 2, 5, 4, 0, 2])
        #expect(c.json.rendered() == "{\"cindex\":\(direct.cindex),\"concordant\":\(direct.concordant),"
                + "\"discordant\":\(direct.discordant),\"tied_risk\":\(direct.tiedRisk),\"comparable\":\(direct.comparable)}")
    }

    @Test func jsonWritesNullForMissingNumbers() {
        #expect(StatsJSON.array([.number(nil), .number(.infinity), .number(0.5), .string("a\"b")]).rendered()
                == #"[null,null,0.5,"a\"b"]"#)
    }
}
