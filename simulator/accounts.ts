/**
 * The simulator's two fictional companies: who exists and which credentials they use.
 *
 * Northwind Outfitters runs LiveChat (groups = teams, agents log in with e-mail addresses,
 * HTTP Basic `login:API key`). Acme Robotics runs Rocket.Chat (departments = teams, agents
 * have usernames, `X-User-Id`/`X-Auth-Token` from `POST /api/v1/login`).
 *
 * These values are public demo data; `lib/env.ts` uses the service credentials below in demo
 * mode exactly as it would use real ones from configuration.
 */

export interface LiveChatAgentAccount {
  login: string;
  name: string;
  permission: "owner" | "administrator" | "normal";
  /** API key accepted by the simulator for `login:apiKey` Basic auth. */
  apiKey: string;
  /** Group ids (1…4) the agent works in. */
  groups: number[];
}

export interface LiveChatGroup {
  id: number;
  name: string;
}

/** LiveChat group 0 is the implicit "All operators" group; 1…4 are teams. */
export const LIVECHAT_GROUPS: LiveChatGroup[] = [
  { id: 0, name: "All operators" },
  { id: 1, name: "Sales" },
  { id: 2, name: "Support" },
  { id: 3, name: "Billing" },
  { id: 4, name: "VIP" },
];

/** The account's license time zone, used when a report request carries no `timezone`. */
export const LIVECHAT_LICENSE_TIMEZONE = "America/New_York";

const lc = (
  local: string,
  name: string,
  groups: number[],
  permission: LiveChatAgentAccount["permission"] = "normal",
): LiveChatAgentAccount => ({
  login: `${local}@northwind.example`,
  name,
  permission,
  apiKey: `sim-lc-${local.replace(/\./g, "-")}-key`,
  groups,
});

export const LIVECHAT_AGENTS: LiveChatAgentAccount[] = [
  lc("olivia.owner", "Olivia Owner", [1, 2], "owner"),
  lc("adam.admin", "Adam Admin", [2, 3], "administrator"),
  lc("sofia.sales", "Sofia Reyes", [1]),
  lc("liam.sales", "Liam Chen", [1]),
  lc("nora.sales", "Nora Patel", [1, 4]),
  lc("ethan.support", "Ethan Novak", [2]),
  lc("mia.support", "Mia Schmidt", [2]),
  lc("lucas.support", "Lucas Rossi", [2]),
  lc("ava.support", "Ava Kowalski", [2, 4]),
  lc("noah.billing", "Noah Dubois", [3]),
  lc("emma.billing", "Emma Larsen", [3]),
  lc("james.vip", "James Okafor", [4]),
];

/** Credentials the app uses for LiveChat in demo mode (the owner's API key). */
export const LIVECHAT_SERVICE_LOGIN = "olivia.owner@northwind.example";
export const LIVECHAT_SERVICE_API_KEY = "sim-lc-olivia-owner-key";

export interface RocketChatDepartment {
  _id: string;
  name: string;
}

export const ROCKETCHAT_DEPARTMENTS: RocketChatDepartment[] = [
  { _id: "dptSupport7Hq2Lm", name: "Support" },
  { _id: "dptSales4Kx9PzW", name: "Sales" },
  { _id: "dptOnboard2Rt8Vn", name: "Onboarding" },
  { _id: "dptPartner5Jc3Yd", name: "Partners" },
];

export interface RocketChatUserAccount {
  _id: string;
  username: string;
  name: string;
  email: string;
  password: string;
  roles: string[];
  /** When set, `POST /api/v1/login` also requires this 2FA `code`. */
  totpCode?: string;
  /** Department ids for agents. */
  departments: string[];
}

const rc = (
  _id: string,
  username: string,
  name: string,
  departments: string[],
  roles: string[] = ["user", "livechat-agent"],
  extra: Partial<RocketChatUserAccount> = {},
): RocketChatUserAccount => ({
  _id,
  username,
  name,
  email: `${username}@acme-robotics.example`,
  password: `${username}-pass`,
  roles,
  departments,
  ...extra,
});

const [SUP, SAL, ONB, PAR] = ROCKETCHAT_DEPARTMENTS.map((d) => d._id) as [
  string,
  string,
  string,
  string,
];

/** Users of the Rocket.Chat workspace: one admin, two managers (one with 2FA), ten agents. */
export const ROCKETCHAT_USERS: RocketChatUserAccount[] = [
  rc("usrAdmin0001aaaa", "rc.admin", "Rita Admin", [], ["user", "admin"]),
  rc("usrManager02bbbb", "maria.manager", "Maria Manager", [], ["user", "livechat-manager"]),
  rc("usrManager03cccc", "tom.twofactor", "Tom Twofactor", [], ["user", "livechat-manager"], {
    totpCode: "246810",
  }),
  rc("usrAgent0004dddd", "kim", "Kim Lee", [SUP]),
  rc("usrAgent0005eeee", "jane", "Jane Park", [SUP, ONB]),
  rc("usrAgent0006ffff", "baek", "Baek Min", [SUP]),
  rc("usrAgent0007gggg", "omar", "Omar Haddad", [SUP, PAR]),
  rc("usrAgent0008hhhh", "lena", "Lena Vogel", [SAL]),
  rc("usrAgent0009iiii", "pedro", "Pedro Alves", [SAL]),
  rc("usrAgent0010jjjj", "yuki", "Yuki Tanaka", [SAL, PAR]),
  rc("usrAgent0011kkkk", "ines", "Ines Moreau", [ONB]),
  rc("usrAgent0012llll", "david", "David Cohen", [ONB]),
  rc("usrAgent0013mmmm", "sara", "Sara Nilsson", [PAR]),
];

/** The service account whose token the app uses for Rocket.Chat in demo mode (a livechat-manager, not admin). */
export const ROCKETCHAT_SERVICE_USER = {
  _id: "usrChatlensSvc99",
  username: "chatlens.service",
  name: "Chatlens service",
  authToken: "sim-rc-service-token-0123456789",
  roles: ["user", "livechat-manager"],
};

/**
 * Credentials one simulator instance accepts on top of the fixed ones above: the secret-leak test
 * configures the app with recognisable canary secrets, which must still work against the simulator.
 */
export interface ExtraCredentials {
  /** Further API keys for existing LiveChat agent logins (`login:apiKey` Basic auth). */
  livechatApiKeys?: readonly { login: string; apiKey: string }[];
  /** Further `X-Auth-Token`s of the Rocket.Chat service user (`ROCKETCHAT_SERVICE_USER._id`). */
  rocketchatServiceTokens?: readonly string[];
}

/** Demo-mode sign-in for the Chatlens app itself (provider id `demo`). */
export const DEMO_SIGNIN = { username: "demo", password: "chatlens-demo" } as const;

/** Default simulator port (the app's demo mode expects it at http://127.0.0.1:4010). */
export const SIMULATOR_DEFAULT_PORT = 4010;
