import { AppBar } from './app-bar';
import { ChatApp } from './chat-app';
import { LoginScreen } from './login-screen';
import { useSession } from './session';
import { useTheme } from './theme';
import { ThemePicker } from './theme-picker';

/** The login screen, or the chat app for the signed-in user, in the chosen theme. */
export function App() {
  const session = useSession();
  const [theme, setTheme] = useTheme();
  const themePicker = <ThemePicker theme={theme} onChange={setTheme} />;
  return (
    // The theme goes on this element, not <html>: natter/styles.css lets an ancestor's data-natter-theme override
    // the system's preference only below :root.
    <div className="app" data-natter-theme={theme === 'system' ? undefined : theme}>
      {session ? (
        <ChatApp key={session.user.id} user={session.user} themePicker={themePicker} />
      ) : (
        <>
          <AppBar>{themePicker}</AppBar>
          <LoginScreen />
        </>
      )}
    </div>
  );
}
