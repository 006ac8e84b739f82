import { h } from '@shopchat/chat-views';
import { ConsoleApiError, checkStaffToken } from '../console-api.ts';
import type { Page } from '../router.ts';
import { staffSession } from '../staff-session.ts';

/** Pasting the staff token (from the shop's staff sign-in; `npm start` prints a demo one). */
export const signInPage: Page = {
  path: '/sign-in',
  title: 'Sign in',
  public: true,
  render({ query, navigate }) {
    const input = h('textarea', {
      id: 'token',
      name: 'token',
      rows: '4',
      required: '',
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-describedby': 'token-help',
    });
    const error = h('p', { id: 'sign-in-error', class: 'error', role: 'alert' });
    const reason = query.get('reason');
    if (reason) error.textContent = reason;
    const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
    const form = h(
      'form',
      { class: 'sign-in' },
      h('label', { for: 'token' }, 'Staff token'),
      h(
        'p',
        { id: 'token-help', class: 'hint' },
        'Paste the token from the staff sign-in. It is kept for this tab only.',
      ),
      input,
      error,
      submit,
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const token = input.value.trim();
      error.textContent = '';
      submit.disabled = true;
      try {
        await checkStaffToken(token);
        staffSession.signIn(token);
        const next = query.get('next');
        navigate(next?.startsWith('/') && !next.startsWith('/sign-in') ? next : '/conversations');
      } catch (failure) {
        error.textContent =
          failure instanceof ConsoleApiError && failure.signedOut
            ? `That token was refused: ${failure.message}`
            : 'The console API could not be reached. Try again in a moment.';
        input.setAttribute('aria-invalid', 'true');
        input.focus();
      } finally {
        submit.disabled = false;
      }
    });
    return h('section', {}, h('h1', { tabindex: '-1' }, 'Sign in to the support console'), form);
  },
};
