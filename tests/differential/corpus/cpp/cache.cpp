#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

using namespace std;

namespace store {

class Entry {
public:
    Entry(const string& key, int value) : key_(key), value_(value) {}
    const string& key() const { return key_; }
    int value() const { return value_; }

private:
    string key_;
    int value_;
};

class Cache {
public:
    explicit Cache(size_t limit) : limit_(limit) {}

    ~Cache() {
        for (auto* entry : entries_) {
            delete entry;
        }
    }

    void put(const string& key, int value) {
        Entry* entry = new Entry(key, value);
        entries_.push_back(entry);
        if (entries_.size() > limit_) {
            delete entries_.front();
            entries_.erase(entries_.begin());
        }
    }

    int get(const string& key) const {
        for (const auto* entry : entries_) {
            if (entry->key() == key) {
                return entry->value();
            }
        }
        std::cout << "miss " << key << std::endl;
        return -1;
    }

    size_t size() const { return entries_.size(); }

private:
    size_t limit_;
    vector<Entry*> entries_;
};

unique_ptr<Cache> make_cache(size_t limit) {
    auto cache = make_unique<Cache>(limit);
    return cache;
}

}  // namespace store
