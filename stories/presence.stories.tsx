import type { Meta, StoryObj } from '@storybook/react-vite';
import type { User } from 'natter';
import { Avatar, PresenceBadge } from 'natter/components';
import { usePresence } from 'natter/react/features';
import { expect, waitFor } from 'storybook/test';
import { natterOf, PEOPLE, type NatterParameters } from './support/natter';

/** Everyone the story's user shares a chat with: avatar, name and a badge, live over the personal socket. */
function Roster({ people, me }: { people: User[]; me: User }) {
  // One holder of the personal socket is enough: it brings every contact's presence.
  usePresence(me.id, { connect: true });
  return (
    <ul aria-label="People" style={{ display: 'grid', gap: '0.75rem', margin: 0, padding: 0, listStyle: 'none' }}>
      {people.map((person) => (
        <li key={person.id} data-person={person.username} style={{ display: 'flex', alignItems: 'center', gap: '0.625rem' }}>
          <Avatar userId={person.id} name={person.username} />
          <span>{person.username}</span>
          <PresenceBadge userId={person.id} />
        </li>
      ))}
    </ul>
  );
}

/**
 * `PresenceBadge` and `Avatar`: someone's presence as a dot (`data-presence="online|away|offline"`) named for
 * assistive technology ("Online", "Away", "Last seen 5 min ago"), and initials on a colour of their own with the
 * dot in the corner. Live: the mock server changes people's presence from the play functions.
 */
const meta = {
  title: 'Components/Presence',
  component: PresenceBadge,
  args: { userId: '' },
  render: (_args, context) => {
    const { mock, me } = natterOf(context);
    return <Roster me={mock.user(me)} people={PEOPLE.filter((name) => name !== me).map((name) => mock.user(name))} />;
  },
  parameters: { natter: {} satisfies NatterParameters },
} satisfies Meta<typeof PresenceBadge>;

export default meta;
type Story = StoryObj<typeof meta>;

const rowOf = (canvasElement: HTMLElement, name: string) => canvasElement.querySelector<HTMLElement>(`[data-person="${name}"]`)!;
const badgeOf = (canvasElement: HTMLElement, name: string) => rowOf(canvasElement, name).querySelector<HTMLElement>('[data-natter="presence-badge"]:not([aria-hidden])')!;

/** Ana online, Bo away, Cy seen a while ago, Dee never: each badge and avatar says so. */
export const Statuses: Story = {
  parameters: {
    natter: {
      setup: (mock) => {
        mock.setPresence('Cy', 'online');
        mock.setPresence('Cy', 'offline');
        mock.setPresence('Ana', 'online');
        mock.setPresence('Bo', 'away');
      },
    } satisfies NatterParameters,
  },
  play: async ({ canvas, canvasElement }) => {
    await waitFor(() => expect(badgeOf(canvasElement, 'Ana')).toHaveAttribute('data-presence', 'online'));
    await expect(canvas.getByRole('img', { name: 'Ana (Online)' })).toBeVisible();
    await expect(badgeOf(canvasElement, 'Bo')).toHaveAttribute('data-presence', 'away');
    await expect(badgeOf(canvasElement, 'Bo')).toHaveAccessibleName('Away');
    await expect(badgeOf(canvasElement, 'Cy')).toHaveAttribute('data-presence', 'offline');
    await expect(badgeOf(canvasElement, 'Cy')).toHaveAccessibleName('Last seen just now');
    await expect(badgeOf(canvasElement, 'Dee')).toHaveAccessibleName('Offline');
    // Online and offline dots look different.
    const colour = (name: string) => getComputedStyle(badgeOf(canvasElement, name)).backgroundColor;
    await expect(colour('Ana')).not.toBe(colour('Dee'));
  },
};

/** Presence changes arrive live: Ana comes online, steps away, and leaves. */
export const LiveChanges: Story = {
  play: async (context) => {
    const { canvas, canvasElement } = context;
    const { mock, client } = natterOf(context);
    await waitFor(() => expect(client.getConnection('personal')?.status).toBe('open'));
    const ana = badgeOf(canvasElement, 'Ana');
    await expect(ana).toHaveAttribute('data-presence', 'offline');
    mock.setPresence('Ana', 'online');
    await waitFor(() => expect(ana).toHaveAttribute('data-presence', 'online'));
    await expect(canvas.getByRole('img', { name: 'Ana (Online)' })).toHaveAttribute('data-presence', 'online');
    mock.setPresence('Ana', 'away');
    await waitFor(() => expect(ana).toHaveAccessibleName('Away'));
    mock.setPresence('Ana', 'offline');
    await waitFor(() => expect(ana).toHaveAccessibleName('Last seen just now'));
    await expect(canvas.getByRole('img', { name: 'Ana (Last seen just now)' })).toBeVisible();
  },
};
