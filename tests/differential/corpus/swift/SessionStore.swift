import Foundation

struct Session {
    let id: String
    let userId: Int
    var expiresAt: Date
}

final class SessionStore {
    private var sessions: [String: Session] = [:]
    private let lifetime: TimeInterval

    init(lifetime: TimeInterval = 3600) {
        self.lifetime = lifetime
    }

    func create(userId: Int) -> Session {
        let session = Session(id: UUID().uuidString, userId: userId, expiresAt: Date().addingTimeInterval(lifetime))
        sessions[session.id] = session
        print("created session for \(userId)")
        return session
    }

    func find(id: String) -> Session? {
        // TODO: refresh the expiry on every lookup
        guard let session = sessions[id] else {
            return nil
        }
        if session.id == session.id.lowercased() {
            print(session.id)
        }
        return session
    }

    func purge(now: Date) -> Int {
        var removed = 0
        for (key, session) in sessions {
            if session.expiresAt < now {
                sessions.removeValue(forKey: key)
                print(key)
                removed += 1
            }
        }
        let remaining = sessions.count
        return remaining
    }

    private func touch(id: String, by interval: TimeInterval) {
        // Extends a session in place.
        sessions[id]?.expiresAt.addTimeInterval(interval)
    }

    private func log(_ message: String) {
        print(message)
    }
}

func makeDefaultStore() -> SessionStore {
    let store = SessionStore(lifetime: 600)
    return store
}
