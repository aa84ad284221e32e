-- Operators (users of an account) who sign in to the admin UI, and their server-side sessions.
-- Written for PostgreSQL; H2 runs it in PostgreSQL mode.

create table users (
    id             varchar(40)  primary key,
    account_id     varchar(40)  not null references accounts (id) on delete cascade,
    email          varchar(320) not null,         -- stored lower-case; one operator per email
    password_hash  varchar(200) not null,         -- PHC string: $argon2id$v=19$m=…,t=…,p=…$salt$hash
    created_at     timestamp with time zone not null,
    constraint users_email_unique unique (email)
);
create index users_account_idx on users (account_id);

create table user_sessions (
    id_hash       varchar(64) primary key,        -- SHA-256 of the cookie value; the value itself is never stored
    user_id       varchar(40) not null references users (id) on delete cascade,
    csrf_token    varchar(64) not null,           -- per session; every POST must carry it
    created_at    timestamp with time zone not null,   -- absolute expiry counts from here
    last_seen_at  timestamp with time zone not null    -- idle expiry counts from here
);
create index user_sessions_user_idx on user_sessions (user_id);
