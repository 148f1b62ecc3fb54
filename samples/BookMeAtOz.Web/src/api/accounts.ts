// The account calls anyone may make with a link or an address: password reset and accepting an invitation.
import { request } from './http';
import type { AcceptInvitationRequest, Auth, PasswordResetConfirmRequest } from './types';

/** Asks for a reset link; the API answers 202 whether or not an account has the address. */
export const requestPasswordReset = (email: string) => request<void>('/auth/password-reset', { body: { email } });

/** Sets a new password with a reset link's token (204); every session of the user ends. */
export const confirmPasswordReset = (body: PasswordResetConfirmRequest) => request<void>('/auth/password-reset/confirm', { body });

/** Creates the invited user; answers a token pair, as sign-in does. */
export const acceptInvitation = (body: AcceptInvitationRequest) => request<Auth>('/auth/invitations/accept', { body });
