/// A value decoded from a Python pickle by `PickleReader`.
indirect enum PickleValue {
    case none
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case tuple([PickleValue])
    case dict(PickleDict)
    /// A class or function named by GLOBAL (`module name`).
    case global(String)
    /// An instance made by NEWOBJ; BUILD sets its state (shared by every reference, as in Python).
    case object(PickleObject)
    /// A tensor rebuilt by `torch._utils._rebuild_tensor_v2` from a persistent storage id.
    case tensor(PickledTensor)
    /// The persistent id tuple of a storage: ('storage', storage class, key, location, element count).
    case storage(PickledStorage)
    /// Any other `callable(*args)` (kept, not evaluated).
    case reduced(callable: String, arguments: [PickleValue])
}

final class PickleDict {
    var items: [(key: PickleValue, value: PickleValue)] = []
}

final class PickleObject {
    let className: String
    var state: PickleValue = .none
    init(className: String) { self.className = className }
}

struct PickledStorage {
    var storageClass: String  // e.g. "torch.FloatStorage"
    var key: String           // the archive entry data/<key>
    var elementCount: Int
}

struct PickledTensor {
    var storage: PickledStorage
    var storageOffset: Int
    var shape: [Int]
    var strides: [Int]
}

/// A pickle (protocol 2) reader for the opcodes PyTorch writes into TorchScript `data.pkl` files.
///
/// Supported: PROTO, STOP, MARK, GLOBAL, BINPUT, LONG_BINPUT, BINGET, LONG_BINGET, EMPTY_TUPLE,
/// TUPLE, TUPLE1–3, EMPTY_DICT, SETITEM(S), NEWOBJ, BUILD, REDUCE, BINPERSID,
/// NONE, NEWTRUE, NEWFALSE, BININT, BININT1, BININT2, LONG1, BINFLOAT, BINUNICODE, SHORT_BINUNICODE.
/// Anything else is rejected, so an unexpected file fails loudly instead of being misread.
struct PickleReader {
    struct Failure: Error { var reason: String }

    private let bytes: [UInt8]
    private var position = 0
    private var stack: [PickleValue] = []
    private var marks: [Int] = []
    private var memo: [Int: PickleValue] = [:]

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// Decodes the whole pickle and returns its top value.
    static func decode(_ bytes: [UInt8]) throws -> PickleValue {
        var reader = PickleReader(bytes: bytes)
        return try reader.run()
    }

    private mutating func run() throws -> PickleValue {
        while true {
            let op = try byte()
            switch op {
            case 0x80: _ = try byte()                                   // PROTO
            case 0x2e: return try pop()                                 // STOP
            case 0x28: marks.append(stack.count)                        // MARK
            case 0x63:                                                  // GLOBAL
                let module = try line(), name = try line()
                stack.append(.global("\(module).\(name)"))
            case 0x71: memo[Int(try byte())] = try top()               // BINPUT
            case 0x72: memo[Int(try uint(4))] = try top()              // LONG_BINPUT
            case 0x68: stack.append(try recall(Int(try byte())))       // BINGET
            case 0x6a: stack.append(try recall(Int(try uint(4))))      // LONG_BINGET
            case 0x29: stack.append(.tuple([]))                        // EMPTY_TUPLE
            case 0x74: stack.append(.tuple(try popToMark()))           // TUPLE
            case 0x85, 0x86, 0x87:                                     // TUPLE1, TUPLE2, TUPLE3
                let n = Int(op - 0x84)
                guard stack.count >= n else { throw Failure(reason: "stack underflow") }
                let items = Array(stack.suffix(n))
                stack.removeLast(n)
                stack.append(.tuple(items))
            case 0x7d: stack.append(.dict(PickleDict()))               // EMPTY_DICT
            case 0x73: try setItems(try pop2())                        // SETITEM
            case 0x75: try setItems(try popToMark())                   // SETITEMS
            case 0x81:                                                 // NEWOBJ
                _ = try pop()
                guard case let .global(name) = try pop() else { throw Failure(reason: "NEWOBJ without a class") }
                stack.append(.object(PickleObject(className: name)))
            case 0x62:                                                 // BUILD
                let state = try pop()
                guard case let .object(object) = try top() else { throw Failure(reason: "BUILD on a non-object") }
                object.state = state
            case 0x52:                                                 // REDUCE
                let arguments = try pop()
                stack.append(try reduce(callable: try pop(), arguments: arguments))
            case 0x51: stack.append(try persistentLoad(try pop()))     // BINPERSID
            case 0x4e: stack.append(.none)                             // NONE
            case 0x88: stack.append(.bool(true))                       // NEWTRUE
            case 0x89: stack.append(.bool(false))                      // NEWFALSE
            case 0x4a: stack.append(.int(Int(Int32(truncatingIfNeeded: try uint(4)))))  // BININT
            case 0x4b: stack.append(.int(Int(try byte())))             // BININT1
            case 0x4d: stack.append(.int(Int(try uint(2))))            // BININT2
            case 0x8a: stack.append(.int(try long1()))                 // LONG1
            case 0x47: stack.append(.double(Double(bitPattern: try bigEndian64())))  // BINFLOAT
            case 0x58: stack.append(.string(try utf8(Int(try uint(4)))))  // BINUNICODE
            case 0x8c: stack.append(.string(try utf8(Int(try byte()))))   // SHORT_BINUNICODE
            default:
                throw Failure(reason: "unsupported pickle opcode 0x\(String(op, radix: 16)) at byte \(position - 1)")
            }
        }
    }

    // MARK: - Stack

    private mutating func pop() throws -> PickleValue {
        guard let value = stack.popLast() else { throw Failure(reason: "stack underflow") }
        return value
    }

    private mutating func pop2() throws -> [PickleValue] {
        let value = try pop(), key = try pop()
        return [key, value]
    }

    private func top() throws -> PickleValue {
        guard let value = stack.last else { throw Failure(reason: "stack underflow") }
        return value
    }

    private mutating func popToMark() throws -> [PickleValue] {
        guard let mark = marks.popLast(), mark <= stack.count else { throw Failure(reason: "no MARK") }
        let items = Array(stack[mark...])
        stack.removeSubrange(mark...)
        return items
    }

    private func recall(_ index: Int) throws -> PickleValue {
        guard let value = memo[index] else { throw Failure(reason: "memo \(index) is empty") }
        return value
    }

    private mutating func setItems(_ flat: [PickleValue]) throws {
        guard flat.count % 2 == 0, case let .dict(dict) = try top() else { throw Failure(reason: "SETITEMS on a non-dict") }
        for i in stride(from: 0, to: flat.count, by: 2) { dict.items.append((flat[i], flat[i + 1])) }
    }

    // MARK: - PyTorch objects

    private func persistentLoad(_ id: PickleValue) throws -> PickleValue {
        guard case let .tuple(parts) = id, parts.count == 5, case .string("storage") = parts[0],
              case let .global(storageClass) = parts[1], case let .string(key) = parts[2], case let .int(count) = parts[4]
        else { throw Failure(reason: "unexpected persistent id") }
        return .storage(PickledStorage(storageClass: storageClass, key: key, elementCount: count))
    }

    private func reduce(callable: PickleValue, arguments: PickleValue) throws -> PickleValue {
        guard case let .global(name) = callable, case let .tuple(args) = arguments else {
            throw Failure(reason: "REDUCE without a global callable and argument tuple")
        }
        switch name {
        case "torch._utils._rebuild_tensor_v2":
            guard args.count >= 4, case let .storage(storage) = args[0], case let .int(offset) = args[1],
                  let shape = Self.ints(args[2]), let strides = Self.ints(args[3]), shape.count == strides.count
            else { throw Failure(reason: "malformed _rebuild_tensor_v2 arguments") }
            return .tensor(PickledTensor(storage: storage, storageOffset: offset, shape: shape, strides: strides))
        case "collections.OrderedDict" where args.isEmpty:
            return .dict(PickleDict())
        default:
            return .reduced(callable: name, arguments: args)
        }
    }

    private static func ints(_ value: PickleValue) -> [Int]? {
        guard case let .tuple(items) = value else { return nil }
        var out: [Int] = []
        for item in items {
            guard case let .int(v) = item else { return nil }
            out.append(v)
        }
        return out
    }

    // MARK: - Bytes

    private mutating func byte() throws -> UInt8 {
        guard position < bytes.count else { throw Failure(reason: "the pickle ends before STOP") }
        defer { position += 1 }
        return bytes[position]
    }

    private mutating func uint(_ width: Int) throws -> UInt64 {
        var value: UInt64 = 0
        for i in 0..<width { value |= UInt64(try byte()) << (8 * UInt64(i)) }
        return value
    }

    private mutating func bigEndian64() throws -> UInt64 {
        var value: UInt64 = 0
        for _ in 0..<8 { value = value << 8 | UInt64(try byte()) }
        return value
    }

    /// LONG1: a length byte, then a little-endian two's-complement integer of that many bytes (≤ 8).
    private mutating func long1() throws -> Int {
        let n = Int(try byte())
        guard n <= 8 else { throw Failure(reason: "LONG1 wider than 64 bits") }
        guard n > 0 else { return 0 }
        let raw = try uint(n)
        let shift = UInt64(64 - 8 * n)
        return Int(Int64(bitPattern: raw << shift) >> Int64(shift))
    }

    private mutating func utf8(_ count: Int) throws -> String {
        guard count >= 0, position + count <= bytes.count else { throw Failure(reason: "a string runs past the end") }
        defer { position += count }
        return String(decoding: bytes[position..<position + count], as: UTF8.self)
    }

    private mutating func line() throws -> String {
        guard let end = bytes[position...].firstIndex(of: 0x0a) else { throw Failure(reason: "unterminated GLOBAL") }
        defer { position = end + 1 }
        return String(decoding: bytes[position..<end], as: UTF8.self)
    }
}
