/** The words of the supervisor's Accounts dialog (AccountsDialog.tsx), English with a note for translators. */
import { defineMessages } from 'react-intl';
import { messageTable } from '../../../shared/message-table';

export const accountsMessages = messageTable(
  defineMessages({
    title: { id: 'live.accounts.title', defaultMessage: 'Accounts', description: 'Accounts dialog: heading' },
    intro: {
      id: 'live.accounts.intro',
      defaultMessage:
        'Who may sign in at this station, and with which role. Each change asks for your password if your last proof is more than 5 minutes old, and is journalled in your name (never the password).',
      description: 'Accounts dialog: what it is for',
    },
    loading: {
      id: 'live.accounts.loading',
      defaultMessage: 'Loading accounts…',
      description: 'Accounts dialog',
    },
    caption: {
      id: 'live.accounts.caption',
      defaultMessage: 'Station accounts',
      description: 'Accounts dialog: caption of the table of accounts',
    },
    colId: {
      id: 'live.accounts.col.id',
      defaultMessage: 'ID',
      description: 'Accounts table column: officer ID',
    },
    colName: { id: 'live.accounts.col.name', defaultMessage: 'Name', description: 'Accounts table column' },
    colRole: { id: 'live.accounts.col.role', defaultMessage: 'Role', description: 'Accounts table column' },
    colState: {
      id: 'live.accounts.col.state',
      defaultMessage: 'State',
      description: 'Accounts table column: active, disabled or locked',
    },
    colActions: {
      id: 'live.accounts.col.actions',
      defaultMessage: 'Actions',
      description: 'Accounts table column',
    },
    stateDisabled: {
      id: 'live.accounts.state.disabled',
      defaultMessage: 'disabled',
      description: 'Account state',
    },
    stateActive: { id: 'live.accounts.state.active', defaultMessage: 'active', description: 'Account state' },
    stateLocked: {
      id: 'live.accounts.state.locked',
      defaultMessage: 'locked until {time}',
      description: 'Account state after too many wrong passwords; {time} is a UK date and time',
    },
    enable: {
      id: 'live.accounts.enable',
      defaultMessage: 'Enable',
      description: 'Button: enable an account',
    },
    enableLabel: {
      id: 'live.accounts.enable-label',
      defaultMessage: 'Enable {id}',
      description: 'Accessible name of the Enable button; {id} is the officer ID',
    },
    disable: {
      id: 'live.accounts.disable',
      defaultMessage: 'Disable',
      description: 'Button: disable an account',
    },
    disableLabel: {
      id: 'live.accounts.disable-label',
      defaultMessage: 'Disable {id}',
      description: 'Accessible name of the Disable button; {id} is the officer ID',
    },
    reset: { id: 'live.accounts.reset', defaultMessage: 'Reset password', description: 'Button' },
    resetLabel: {
      id: 'live.accounts.reset-label',
      defaultMessage: 'Reset password of {id}',
      description: 'Accessible name of the Reset password button; {id} is the officer ID',
    },
    newPassword: {
      id: 'live.accounts.new-password',
      defaultMessage: 'New password for {id}',
      description: 'Field label; {id} is the officer ID',
    },
    setNewPassword: {
      id: 'live.accounts.set-new-password',
      defaultMessage: 'Set new password',
      description: 'Button',
    },
    addTitle: {
      id: 'live.accounts.add.title',
      defaultMessage: 'Add an account',
      description: 'Form heading',
    },
    officerId: { id: 'live.accounts.officer-id', defaultMessage: 'Officer ID', description: 'Field label' },
    officerName: {
      id: 'live.accounts.officer-name',
      defaultMessage: 'Officer name',
      description: 'Field label',
    },
    role: {
      id: 'live.accounts.role',
      defaultMessage: 'Role',
      description: 'Radio group legend: officer or supervisor',
    },
    password: { id: 'live.accounts.password', defaultMessage: 'Password', description: 'Field label' },
    passwordHint: {
      id: 'live.accounts.password-hint',
      defaultMessage: 'The officer signs in with it; give it to them in person.',
      description: 'Hint under the first password of a new account',
    },
    notReady: {
      id: 'live.accounts.not-ready',
      defaultMessage: 'Not ready to add:',
      description: 'Before the list of what is missing from a new account',
    },
    add: { id: 'live.accounts.add', defaultMessage: 'Add account', description: 'Button' },
    close: { id: 'live.accounts.close', defaultMessage: 'Close', description: 'Button: close the dialog' },
    needId: {
      id: 'live.accounts.problem.id',
      defaultMessage: 'Officer ID: enter the officer’s ID.',
      description: 'Problem with a new account',
    },
    needName: {
      id: 'live.accounts.problem.name',
      defaultMessage: 'Officer name: enter the officer’s name.',
      description: 'Problem with a new account',
    },
    needRole: {
      id: 'live.accounts.problem.role',
      defaultMessage: 'Role: choose officer or supervisor.',
      description: 'Problem with a new account',
    },
    needPassword: {
      id: 'live.accounts.problem.password',
      defaultMessage: 'Password: enter a first password for the account.',
      description: 'Problem with a new account',
    },
    added: { id: 'live.accounts.done.added', defaultMessage: 'Account {id} added.', description: 'Status' },
    passwordReset: {
      id: 'live.accounts.done.reset',
      defaultMessage: 'Password of {id} reset.',
      description: 'Status after a password reset',
    },
    enabled: {
      id: 'live.accounts.done.enabled',
      defaultMessage: 'Account {id} enabled.',
      description: 'Status',
    },
    disabled: {
      id: 'live.accounts.done.disabled',
      defaultMessage: 'Account {id} disabled.',
      description: 'Status',
    },
  }),
);
