// The signed-in account, kept for the browser tab only (sessionStorage), and what its role may do.
import { reactive } from "vue";

export type Role = "office" | "leader" | "unit" | "district";

export interface Me {
  username: string;
  display_name: string | null;
  role: Role;
  role_label: string;
  unit: string | null;
}

const TOKEN_KEY = "qingling-token";

interface SessionState {
  token: string | null;
  me: Me | null;
  expired: boolean;
  signIn(token: string, me: Me): void;
  signOut(): void;
  expire(): void;
}

export const session: SessionState = reactive({
  token: sessionStorage.getItem(TOKEN_KEY),
  me: null as Me | null,
  expired: false as boolean,
  signIn(token: string, me: Me) {
    sessionStorage.setItem(TOKEN_KEY, token);
    this.token = token;
    this.me = me;
    this.expired = false;
  },
  signOut() {
    sessionStorage.removeItem(TOKEN_KEY);
    this.token = null;
    this.me = null;
  },
  expire() {
    this.signOut();
    this.expired = true;
  },
});

/** The office runs campaigns and decides; only it sees the office's buttons. */
export const isOffice = (): boolean => session.me?.role === "office";
export const isLeader = (): boolean => session.me?.role === "leader";
/** Office and leaders see every unit; units and districts see their own territory. */
export const seesAll = (): boolean => isOffice() || isLeader();
