import { useId, useState, type FormEvent } from 'react';
import { SERVER_URL } from './config';
import { logIn } from './session';

/** Development login: type any user name. The session lives in this tab only. */
export function LoginScreen() {
  const [username, setUsername] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await logIn(username.trim());
    } catch (caught) {
      setError((caught as Error).message);
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form className="login-card stack" onSubmit={submit} aria-labelledby="login-title">
        <h2 id="login-title">Sign in</h2>
        <p className="muted">Any user name works: it is created on first use. Each tab can be a different user.</p>
        <label>
          User name
          <input
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            required
            maxLength={32}
            pattern="[A-Za-z0-9_.\-]+"
            title="Letters, digits, _ . or -"
            autoComplete="username"
            autoFocus
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
          />
        </label>
        {error && (
          <p id={errorId} role="alert" className="form-error">
            Could not sign in: {error}
          </p>
        )}
        <button type="submit" className="button" disabled={busy || username.trim() === ''}>
          {busy ? 'Signing in…' : 'Log in'}
        </button>
        <p className="muted small">Server: {SERVER_URL}</p>
      </form>
    </main>
  );
}
