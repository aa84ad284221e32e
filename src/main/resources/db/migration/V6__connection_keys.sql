-- Key pairs Keyway holds per connection: client assertions (private_key_jwt) and DPoP proofs.
create table connection_keys (
    connection_id   varchar(40)  not null references connections (id) on delete cascade,
    purpose         varchar(20)  not null,     -- client_auth | dpop
    kid             varchar(100) not null,
    algorithm       varchar(10)  not null,     -- ES256 | RS256
    public_jwk      text         not null,
    previous_jwk    text,                      -- client_auth: the public key before the last rotation, still published
    private_jwk     bytea        not null,     -- AEAD, associated data = connection id
    jwks_id         varchar(64)  not null unique, -- the unguessable segment of the public JWKS URL
    created_at      timestamp with time zone not null,
    primary key (connection_id, purpose)
);
