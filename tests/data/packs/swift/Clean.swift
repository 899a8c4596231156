import Foundation
import os

/// A book in the reading list, as the server sends it.
struct Book: Codable, Equatable, Identifiable {
    let id: UUID
    var title: String
    var author: String
    var pageCount: Int
    var pagesRead: Int
    var finishedAt: Date?

    var isFinished: Bool {
        finishedAt != nil
    }

    var progress: Double {
        guard pageCount > 0 else { return 0 }
        return min(1, Double(pagesRead) / Double(pageCount))
    }
}

enum ReadingListError: Error, LocalizedError {
    case invalidResponse(statusCode: Int)
    case bookNotFound(UUID)
    case storageUnavailable(underlying: Error)

    var errorDescription: String? {
        switch self {
        case .invalidResponse(let statusCode):
            return "The server answered with status \(statusCode)."
        case .bookNotFound(let id):
            return "No book with id \(id) is in the reading list."
        case .storageUnavailable(let underlying):
            return "The reading list could not be saved: \(underlying.localizedDescription)"
        }
    }
}

protocol ReadingListStore {
    func load() throws -> [Book]
    func save(_ books: [Book]) throws
}

/// Keeps the reading list in a JSON file in the application support directory.
struct FileReadingListStore: ReadingListStore {
    let fileURL: URL

    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return encoder
    }()

    private let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    func load() throws -> [Book] {
        guard FileManager.default.fileExists(atPath: fileURL.path) else {
            return []
        }
        let data = try Data(contentsOf: fileURL)
        return try decoder.decode([Book].self, from: data)
    }

    func save(_ books: [Book]) throws {
        let data = try encoder.encode(books)
        try data.write(to: fileURL, options: .atomic)
    }
}

/// Loads the reading list from the server, keeps a local copy and tracks progress.
/// Use it from the main thread: network callbacks hop back to the main queue.
final class ReadingListService {
    typealias Completion = (Result<[Book], Error>) -> Void

    private let session: URLSession
    private let baseURL: URL
    private let store: ReadingListStore
    private let logger = Logger(subsystem: "com.example.reader", category: "reading-list")

    private(set) var books: [Book] = []
    var onBooksChanged: (([Book]) -> Void)?

    init(session: URLSession = .shared, baseURL: URL, store: ReadingListStore) {
        self.session = session
        self.baseURL = baseURL
        self.store = store
    }

    var unfinishedBooks: [Book] {
        books.filter { !$0.isFinished }
    }

    var hasBooks: Bool {
        !books.isEmpty
    }

    func restoreFromDisk() {
        do {
            books = try store.load()
            logger.info("restored \(self.books.count) books from disk")
        } catch {
            logger.error("could not read the saved reading list: \(error.localizedDescription)")
            books = []
        }
    }

    func refresh(completion: @escaping Completion) {
        let url = baseURL.appendingPathComponent("books")
        let task = session.dataTask(with: url) { [weak self] data, response, error in
            guard let self else { return }
            let result = self.decodeBooks(data: data, response: response, error: error)
            DispatchQueue.main.async {
                if case .success(let books) = result {
                    self.replaceBooks(with: books)
                }
                completion(result)
            }
        }
        task.resume()
    }

    func recordProgress(for id: UUID, pagesRead: Int, now: Date = Date()) throws -> Book {
        guard let index = books.firstIndex(where: { $0.id == id }) else {
            throw ReadingListError.bookNotFound(id)
        }
        var book = books[index]
        book.pagesRead = max(0, min(pagesRead, book.pageCount))
        if book.pagesRead == book.pageCount, book.finishedAt == nil {
            book.finishedAt = now
        }
        books[index] = book
        try persist()
        return book
    }

    func book(titled title: String) -> Book? {
        let wanted = title.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !wanted.isEmpty else { return nil }
        return books.first { $0.title.lowercased() == wanted }
    }

    /// The cover image cached on disk, if it was downloaded before.
    func cachedCover(for book: Book, in directory: URL) -> Data? {
        let url = directory.appendingPathComponent("\(book.id.uuidString).jpg")
        return try? Data(contentsOf: url)
    }

    private func decodeBooks(data: Data?, response: URLResponse?, error: Error?) -> Result<[Book], Error> {
        if let error {
            return .failure(error)
        }
        guard let http = response as? HTTPURLResponse else {
            return .failure(ReadingListError.invalidResponse(statusCode: -1))
        }
        guard (200..<300).contains(http.statusCode), let data else {
            return .failure(ReadingListError.invalidResponse(statusCode: http.statusCode))
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return Result { try decoder.decode([Book].self, from: data) }
    }

    private func replaceBooks(with newBooks: [Book]) {
        guard newBooks != books else { return }
        books = newBooks.sorted { $0.title.localizedCaseInsensitiveCompare($1.title) == .orderedAscending }
        do {
            try persist()
        } catch {
            logger.warning("keeping the reading list in memory only: \(error.localizedDescription)")
        }
        onBooksChanged?(books)
    }

    private func persist() throws {
        do {
            try store.save(books)
        } catch {
            throw ReadingListError.storageUnavailable(underlying: error)
        }
    }
}
