import Foundation
import Pipeline

/// Prints a stats report: JSON or text on stdout, dropped-row notes on stderr.
enum StatsOutput {
    static func emit(json: Bool, jsonValue: @autoclosure () -> StatsJSON, text: @autoclosure () -> String, droppedRows: Int) {
        if droppedRows > 0 {
            FileHandle.standardError.write(Data("note: dropped \(droppedRows) row(s) with missing values\n".utf8))
        }
        print(json ? jsonValue().rendered() : text(), terminator: json ? "\n" : "")
    }
}
