import { useId, useState, type ReactNode } from 'react';
import type { User } from 'natter';
import { useUsers } from './queries';

interface UserSearchProps {
  /** Renders the matching users. */
  children: (users: User[]) => ReactNode;
}

/** A "Find people" box over `GET /api/v1/users?q=`, with the results rendered by the caller. */
export function UserSearch({ children }: UserSearchProps) {
  const [prefix, setPrefix] = useState('');
  const users = useUsers(prefix);
  const id = useId();
  return (
    <div className="user-search">
      <label htmlFor={id}>Find people</label>
      <input id={id} type="search" value={prefix} onChange={(event) => setPrefix(event.target.value)} placeholder="User name starts with…" autoComplete="off" />
      {users.isError && <p role="alert" className="form-error">Could not load people: {users.error.message}</p>}
      {users.data && users.data.length === 0 && <p className="muted">{prefix ? 'Nobody by that name yet.' : 'Nobody else has signed in yet. Open another tab and sign in there.'}</p>}
      {users.data && users.data.length > 0 && children(users.data)}
    </div>
  );
}
