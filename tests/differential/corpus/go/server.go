package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"os"
)

type Server struct {
	store *Store
	addr  string
}

func NewServer(store *Store, addr string) *Server {
	return &Server{store: store, addr: addr}
}

func (s *Server) handleGet(w http.ResponseWriter, r *http.Request) {
	key := r.URL.Query().Get("key")
	value, err := s.store.Get(r.Context(), key)
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	json.NewEncoder(w).Encode(value)
}

func (s *Server) handlePut(w http.ResponseWriter, r *http.Request) {
	var body map[string]string
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		http.Error(w, "bad body", http.StatusBadRequest)
		return
	}
	for k, v := range body {
		s.store.Put(r.Context(), k, v)
	}
	fmt.Println("stored", len(body), "keys")
}

func (s *Server) Run(ctx context.Context) error {
	mux := http.NewServeMux()
	mux.HandleFunc("/get", s.handleGet)
	mux.HandleFunc("/put", s.handlePut)
	fmt.Println("listening on", s.addr)
	return http.ListenAndServe(s.addr, mux)
}

func main() {
	store := NewStore()
	server := NewServer(store, ":8080")
	if err := server.Run(context.Background()); err != nil {
		log.Fatal(err)
		os.Exit(1)
	}
}
