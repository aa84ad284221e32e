-- Feed imports (issue 6): imports, their runs, and the catalogue they fill (products and their SKUs), per account.
-- Written once for PostgreSQL; H2 runs it in PostgreSQL mode.

create table feed_imports (
    id              varchar(40)   primary key,
    account_id      varchar(40)   not null references accounts (id) on delete cascade,
    name            varchar(200)  not null,
    url             varchar(2000) not null,
    connection_id   varchar(40)   references connections (id) on delete set null,
    mode            varchar(30)   not null,     -- products_and_skus | skus_only
    schedule        varchar(200)  not null,     -- "every 15m", "every 2h" or a cron expression
    time_zone       varchar(60)   not null,
    active          boolean       not null,
    etag            varchar(1000),              -- validators of the last imported feed (conditional GET)
    last_modified   varchar(200),
    last_run_at     timestamp with time zone,
    last_error      varchar(2000),
    last_error_at   timestamp with time zone,
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    constraint feed_imports_name_unique unique (account_id, name)
);
create index feed_imports_account_idx on feed_imports (account_id);

create table import_runs (
    id              varchar(40)   primary key,
    import_id       varchar(40)   not null references feed_imports (id) on delete cascade,
    account_id      varchar(40)   not null references accounts (id) on delete cascade,
    trigger_kind    varchar(20)   not null,     -- manual | schedule
    status          varchar(20)   not null,     -- running | succeeded | unchanged | failed
    started_at      timestamp with time zone not null,
    finished_at     timestamp with time zone,
    http_status     integer,
    offers_read     integer       not null default 0,
    created         integer       not null default 0,
    updated         integer       not null default 0,
    unchanged       integer       not null default 0,
    rejected        integer       not null default 0,
    made_unavailable integer      not null default 0,
    rejects         text,                       -- JSON array of the first reasons
    duration_ms     bigint,
    error           varchar(2000)
);
create index import_runs_import_idx on import_runs (import_id, started_at);

create table products (
    account_id      varchar(40)   not null references accounts (id) on delete cascade,
    id              varchar(200)  not null,     -- the offers' group_id, or the offer id when it has none
    name            varchar(2000) not null,
    vendor          varchar(500),
    category_id     varchar(200),
    category        varchar(500),
    url             varchar(4000),
    description     text,
    pictures        text          not null,     -- JSON array of URLs
    content_hash    varchar(64)   not null,
    seen_run        varchar(40),                -- the last run that wrote it (first offer of a group wins)
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    primary key (account_id, id)
);
create index products_name_idx on products (account_id, name);

create table skus (
    account_id      varchar(40)   not null references accounts (id) on delete cascade,
    id              varchar(200)  not null,     -- the offer id
    product_id      varchar(200)  not null,
    import_id       varchar(40),
    name            varchar(2000) not null,
    price           numeric(19, 4) not null,
    old_price       numeric(19, 4),
    currency        varchar(10),
    category_id     varchar(200),
    available       boolean       not null,
    url             varchar(4000),
    vendor          varchar(500),
    vendor_code     varchar(500),
    description     text,
    pictures        text          not null,     -- JSON array of URLs
    params          text          not null,     -- JSON array of {name, unit, value}
    content_hash    varchar(64)   not null,
    seen_run        varchar(40),                -- the last run whose feed held it
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    primary key (account_id, id)
);
create index skus_product_idx on skus (account_id, product_id);
create index skus_import_idx on skus (import_id, seen_run);
