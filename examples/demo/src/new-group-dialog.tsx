import { useState, type FormEvent } from 'react';
import { Modal } from './modal';
import { useCreateGroup } from './queries';
import { UserSearch } from './user-search';

interface NewGroupDialogProps {
  onClose: () => void;
  onCreated: (chatId: string) => void;
}

/** Creates a group chat: a name and members picked from the user list. */
export function NewGroupDialog({ onClose, onCreated }: NewGroupDialogProps) {
  const [name, setName] = useState('');
  const [members, setMembers] = useState<ReadonlySet<string>>(new Set());
  const create = useCreateGroup();

  const toggle = (userId: string, checked: boolean) => {
    const next = new Set(members);
    if (checked) next.add(userId);
    else next.delete(userId);
    setMembers(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name: name.trim(), memberIds: [...members] }, { onSuccess: (chat) => onCreated(chat.id) });
  };

  return (
    <Modal title="New group chat" onClose={onClose}>
      <form className="stack" onSubmit={submit}>
        <label>
          Chat name
          <input value={name} onChange={(event) => setName(event.target.value)} required maxLength={100} autoFocus />
        </label>
        <fieldset>
          <legend>Members ({members.size} chosen)</legend>
          <UserSearch>
            {(users) => (
              <ul className="pick-list">
                {users.map((user) => (
                  <li key={user.id}>
                    <label className="check">
                      <input type="checkbox" checked={members.has(user.id)} onChange={(event) => toggle(user.id, event.target.checked)} />
                      {user.username}
                    </label>
                  </li>
                ))}
              </ul>
            )}
          </UserSearch>
        </fieldset>
        {create.isError && (
          <p role="alert" className="form-error">
            Could not create the chat: {create.error.message}
          </p>
        )}
        <div className="actions">
          <button type="button" className="button secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button" disabled={create.isPending || name.trim() === ''}>
            {create.isPending ? 'Creating…' : 'Create chat'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
