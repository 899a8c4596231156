package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
)

var ErrMissing = errors.New("missing key")

type Store struct {
	mu     sync.Mutex
	values map[string]string
}

func NewStore() *Store {
	return &Store{values: make(map[string]string)}
}

func (s *Store) Get(ctx context.Context, key string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	value, ok := s.values[key]
	if !ok {
		return "", ErrMissing
	}
	return value, nil
}

func (s *Store) Put(ctx context.Context, key, value string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.values[key] = value
}

func (s *Store) Dump(paths []string) error {
	for _, path := range paths {
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		defer f.Close()
		for k, v := range s.values {
			fmt.Fprintf(f, "%s=%s\n", k, v)
		}
	}
	return nil
}

func (s *Store) Len() int {
	s.mu.Lock()
	n := len(s.values)
	s.mu.Unlock()
	return n
}

func (s *Store) Keys() []string {
	var keys []string
	var others []string
	for k := range s.values {
		keys = append(keys, k)
		others = append(keys, k)
	}
	return append(others, keys...)
}
