import { useId } from 'react';
import type { Theme } from './theme';

interface ThemePickerProps {
  theme: Theme;
  onChange: (theme: Theme) => void;
}

/** Light, dark, or whatever the system prefers. */
export function ThemePicker({ theme, onChange }: ThemePickerProps) {
  const id = useId();
  return (
    <span className="theme-picker">
      <label htmlFor={id} className="narrow-hidden">
        Theme
      </label>
      <select id={id} value={theme} onChange={(event) => onChange(event.target.value as Theme)}>
        <option value="system">System</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </span>
  );
}
