import { Modal } from './modal';
import { useStartDirect } from './queries';
import { UserSearch } from './user-search';

interface NewDirectDialogProps {
  onClose: () => void;
  onOpened: (chatId: string) => void;
}

/** Starts (or reopens) a direct chat with someone. */
export function NewDirectDialog({ onClose, onOpened }: NewDirectDialogProps) {
  const start = useStartDirect();
  return (
    <Modal title="New direct message" onClose={onClose}>
      <div className="stack">
        <UserSearch>
          {(users) => (
            <ul className="pick-list">
              {users.map((user) => (
                <li key={user.id}>
                  <button
                    type="button"
                    className="pick"
                    disabled={start.isPending}
                    onClick={() => start.mutate(user.id, { onSuccess: (chat) => onOpened(chat.id) })}
                  >
                    Message <strong>{user.username}</strong>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </UserSearch>
        {start.isError && (
          <p role="alert" className="form-error">
            Could not open the chat: {start.error.message}
          </p>
        )}
        <div className="actions">
          <button type="button" className="button secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </div>
    </Modal>
  );
}
