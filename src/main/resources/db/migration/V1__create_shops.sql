-- Installed shops. Tokens are AES-256-GCM ciphertexts (see TokenCipher), never plain text.
CREATE TABLE shops (
    id                       BIGINT       NOT NULL AUTO_INCREMENT,
    domain                   VARCHAR(255) NOT NULL,
    installed                BOOLEAN      NOT NULL DEFAULT FALSE,
    access_token             VARCHAR(1024) NULL,
    access_token_expires_at  DATETIME(6)  NULL,
    refresh_token            VARCHAR(1024) NULL,
    refresh_token_expires_at DATETIME(6)  NULL,
    scopes                   VARCHAR(1024) NULL,
    installed_at             DATETIME(6)  NULL,
    uninstalled_at           DATETIME(6)  NULL,
    created_at               DATETIME(6)  NOT NULL,
    updated_at               DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_shops_domain UNIQUE (domain)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
