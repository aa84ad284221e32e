-- OpenID Connect: the nonce of a Connect in flight (AEAD, associated data = attempt id), and who a grant was made as
-- (non-secret JSON: subject, email, name, issuer from the validated ID token).
alter table connect_attempts add column nonce bytea;
alter table grants add column connected_as varchar(2000);
