import React, { useState } from 'react';

type Credentials = { user: string; password: string };

export default function LoginForm(props: { onLogin: (c: Credentials) => void }) {
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (user == '') {
      setError('user is required');
      return;
    }
    props.onLogin({ user, password });
  }

  return (
    <form onSubmit={submit}>
      <img src="/logo.png" alt="logo" />
      <label htmlFor="user">User</label>
      <input id="user" value={user} onChange={(e) => setUser(e.target.value)} />
      <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} />
      {error && <span className="error">{error}</span>}
      <button type="submit" onClick={() => console.log('submit clicked')}>Log in</button>
    </form>
  );
}
