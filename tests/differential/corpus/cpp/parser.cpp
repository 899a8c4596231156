#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace text {

std::vector<std::string> split(const std::string& line, char sep) {
    std::vector<std::string> parts;
    std::string current;
    for (char c : line) {
        if (c == sep) {
            parts.push_back(current);
            current.clear();
        } else {
            current += c;
        }
    }
    parts.push_back(current);
    return parts;
}

int parse_int(const std::string& text) {
    int value = 0;
    try {
        value = std::stoi(text);
    } catch (...) {
        std::cerr << "not a number: " << text << std::endl;
        value = -1;
    }
    return value;
}

void dump(const std::vector<std::string>& parts) {
    for (size_t i = 0; i < parts.size(); ++i) {
        printf("%zu: %s\n", i, parts[i].c_str());
    }
    int* counts = new int[parts.size()];
    delete[] counts;
}

}  // namespace text
