import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { t } from '../i18n';
import { ApiError, messageOf } from '../api/http';
import type { Role, Staff, User } from '../api/types';
import { mapApiErrors, validateInvite, type FieldErrors, type InviteForm } from '../lib/validation';
import { InputField, Notice, SelectField, Skeleton } from '../components/ui';
import { adminApi } from './api';
import { useAdminData } from './AdminApp';
import { leaveSignInNote, signOut, useSession } from './session';

/** The roles' names in the chosen language (read when shown). */
export const ROLE_LABELS: Record<Role, string> = {
  get owner() {
    return t('role.owner');
  },
  get admin() {
    return t('role.admin');
  },
  get staff() {
    return t('role.staff');
  },
};

/** The roles a user of `viewer`'s role may give (only an owner makes owners). */
export const assignableRoles = (viewer: Role): Role[] => (viewer === 'owner' ? ['owner', 'admin', 'staff'] : ['admin', 'staff']);

/** Users: list, invite by e-mail, change a role or staff link, remove. Only an owner changes owners. */
export function UsersAdmin() {
  const session = useSession()!;
  const { staff } = useAdminData();
  const [users, setUsers] = useState<User[] | null>(null);
  const [mode, setMode] = useState<{ kind: 'invite' } | { kind: 'edit'; user: User } | { kind: 'remove'; user: User } | null>(null);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const viewer = session.user;

  const load = useCallback(async () => {
    try {
      setUsers(await adminApi.users());
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  /** After a change to one's own account the API ends one's sessions: sign in again. */
  function afterOwnChange(what: string) {
    leaveSignInNote(`${what} Please sign in again.`);
    signOut();
  }

  const staffName = (id: string | null) => (id ? (staff.find((m) => m.id === id)?.name ?? 'A former staff member') : '—');
  const locked = (u: User) => u.role === 'owner' && viewer.role !== 'owner';

  return (
    <section aria-labelledby="users-heading">
      <div className="toolbar">
        <h1 id="users-heading">Users</h1>
        <button type="button" className="button button-primary" onClick={() => (setMode({ kind: 'invite' }), setMessage(null))} disabled={mode !== null}>
          Invite a user
        </button>
      </div>
      <p className="hint">People who sign in to manage {viewer.role === 'owner' ? 'the business' : 'bookings'}. Owners and admins manage everything; a staff account sees its own bookings and hours.</p>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {mode?.kind === 'invite' && (
        <InviteForm
          viewer={viewer.role}
          staff={staff}
          onDone={(sent) => {
            setMode(null);
            if (sent) setMessage({ kind: 'success', text: `Invitation sent to ${sent}. The link in it works for 7 days.` });
          }}
        />
      )}
      {mode?.kind === 'edit' && (
        <UserForm
          user={mode.user}
          viewer={viewer.role}
          staff={staff}
          onDone={async (saved) => {
            setMode(null);
            if (!saved) return;
            if (saved.id === viewer.id) return afterOwnChange('Your role changed.');
            await load();
            setMessage({ kind: 'success', text: `${saved.name} is now ${saved.role === 'staff' ? `staff (${staffName(saved.staffId)})` : `an ${ROLE_LABELS[saved.role].toLowerCase()}`}.` });
          }}
        />
      )}
      {mode?.kind === 'remove' && (
        <RemoveConfirm
          user={mode.user}
          self={mode.user.id === viewer.id}
          onDone={async (removed) => {
            setMode(null);
            if (!removed) return;
            if (mode.user.id === viewer.id) return afterOwnChange('You removed your account.');
            await load();
            setMessage({ kind: 'success', text: `Removed ${mode.user.name}.` });
          }}
          onError={(text) => (setMode(null), setMessage({ kind: 'error', text }))}
        />
      )}
      {!users ? (
        <Skeleton lines={3} />
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Staff member</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <th scope="row">
                    {u.name}
                    {u.id === viewer.id && <span className="hint"> (you)</span>}
                  </th>
                  <td>{u.email}</td>
                  <td>{ROLE_LABELS[u.role]}</td>
                  <td>{u.role === 'staff' ? staffName(u.staffId) : '—'}</td>
                  <td className="row-actions">
                    {locked(u) ? (
                      <span className="hint">Only an owner can change an owner.</span>
                    ) : (
                      <>
                        <button type="button" className="button button-small" disabled={mode !== null} onClick={() => (setMode({ kind: 'edit', user: u }), setMessage(null))} aria-label={`Change role of ${u.name}`}>
                          Change role
                        </button>
                        <button type="button" className="button button-small button-danger" disabled={mode !== null} onClick={() => (setMode({ kind: 'remove', user: u }), setMessage(null))} aria-label={`Remove ${u.name}`}>
                          Remove
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function StaffOptions({ staff, current }: { staff: Staff[]; current: string }) {
  return (
    <>
      <option value="">Choose a staff member</option>
      {staff
        .filter((m) => m.active || m.id === current)
        .map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
            {m.active ? '' : ' (inactive)'}
          </option>
        ))}
    </>
  );
}

type InviteField = 'email' | 'role' | 'staffId' | 'form';

function InviteForm({ viewer, staff, onDone }: { viewer: Role; staff: Staff[]; onDone: (sentTo: string | null) => void }) {
  const [form, setForm] = useState<InviteForm>({ email: '', role: 'staff', staffId: '' });
  const [errors, setErrors] = useState<FieldErrors<InviteField>>({});
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<InviteForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setErrors((x) => ({ ...x, ...Object.fromEntries(Object.keys(patch).map((k) => [k, undefined])), form: undefined }));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = validateInvite(form);
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const sent = await adminApi.invite({ email: form.email.trim(), role: form.role, ...(form.role === 'staff' ? { staffId: form.staffId } : {}) });
      onDone(sent.email);
    } catch (err) {
      setBusy(false);
      setErrors(
        err instanceof ApiError && err.code === 'validation_failed'
          ? mapApiErrors<InviteField>(err.errors, { email: 'email', role: 'role', staffId: 'staffId' })
          : { form: messageOf(err) },
      );
    }
  }

  return (
    <form className="card form form-grid" onSubmit={submit} noValidate aria-labelledby="invite-heading">
      <h2 id="invite-heading" className="span-all">
        Invite a user
      </h2>
      <InputField label="Email" name="email" type="email" autoComplete="off" required value={form.email} onChange={(e) => set({ email: e.target.value })} error={errors.email} hint="We e-mail them a link to choose their name and password." />
      <SelectField label="Role" name="role" required value={form.role} onChange={(e) => set({ role: e.target.value as Role })} error={errors.role}>
        {assignableRoles(viewer).map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </SelectField>
      {form.role === 'staff' && (
        <SelectField label="Staff member" name="staffId" required value={form.staffId} onChange={(e) => set({ staffId: e.target.value })} error={errors.staffId} hint="The account sees this staff member’s bookings and hours.">
          <StaffOptions staff={staff} current={form.staffId} />
        </SelectField>
      )}
      {errors.form && (
        <div className="span-all">
          <Notice kind="error">{errors.form}</Notice>
        </div>
      )}
      <div className="button-row span-all">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Sending…' : 'Send invitation'}
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

type UserField = 'role' | 'staffId' | 'form';

function UserForm({ user, viewer, staff, onDone }: { user: User; viewer: Role; staff: Staff[]; onDone: (saved: User | null) => void }) {
  const [role, setRole] = useState<Role>(user.role);
  const [staffId, setStaffId] = useState(user.staffId ?? '');
  const [errors, setErrors] = useState<FieldErrors<UserField>>({});
  const [busy, setBusy] = useState(false);
  const roles = assignableRoles(viewer).includes(user.role) ? assignableRoles(viewer) : [user.role, ...assignableRoles(viewer)];

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (role === 'staff' && !staffId) {
      setErrors({ staffId: 'Please choose the staff member this account is for.' });
      return;
    }
    setBusy(true);
    try {
      onDone(await adminApi.updateUser(user.id, role === 'staff' ? { role, staffId } : { role }));
    } catch (err) {
      setBusy(false);
      setErrors(
        err instanceof ApiError && err.code === 'validation_failed'
          ? mapApiErrors<UserField>(err.errors, { role: 'role', staffId: 'staffId' })
          : { form: messageOf(err) },
      );
    }
  }

  return (
    <form className="card form form-grid" onSubmit={submit} noValidate aria-labelledby="user-form-heading">
      <h2 id="user-form-heading" className="span-all">
        Change the role of {user.name}
      </h2>
      <SelectField label="Role" name="role" required value={role} onChange={(e) => (setRole(e.target.value as Role), setErrors({}))} error={errors.role} hint="They are signed out everywhere when it changes.">
        {roles.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </SelectField>
      {role === 'staff' && (
        <SelectField label="Staff member" name="staffId" required value={staffId} onChange={(e) => (setStaffId(e.target.value), setErrors({}))} error={errors.staffId}>
          <StaffOptions staff={staff} current={staffId} />
        </SelectField>
      )}
      {errors.form && (
        <div className="span-all">
          <Notice kind="error">{errors.form}</Notice>
        </div>
      )}
      <div className="button-row span-all">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save role'}
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function RemoveConfirm({ user, self, onDone, onError }: { user: User; self: boolean; onDone: (removed: boolean) => void; onError: (message: string) => void }) {
  const [busy, setBusy] = useState(false);

  async function remove() {
    setBusy(true);
    try {
      await adminApi.removeUser(user.id);
      onDone(true);
    } catch (e) {
      onError(messageOf(e));
    }
  }

  return (
    <div className="card" role="group" aria-labelledby="remove-heading">
      <h2 id="remove-heading">Remove {self ? 'your own account' : user.name}?</h2>
      <p>
        {user.email} will no longer be able to sign in{self ? '; you will be signed out at once' : ', and is signed out at once'}.
        {user.role === 'staff' && ' The staff member, their hours and their bookings stay.'}
      </p>
      <div className="button-row">
        <button type="button" className="button button-danger" onClick={remove} disabled={busy}>
          {busy ? 'Removing…' : `Yes, remove ${user.name}`}
        </button>
        <button type="button" className="button" onClick={() => onDone(false)} disabled={busy}>
          Cancel
        </button>
      </div>
    </div>
  );
}
