IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE TABLE [ApiKeys] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(128) NOT NULL,
        [Prefix] nvarchar(32) NOT NULL,
        [SecretHash] nvarchar(128) NOT NULL,
        [Scopes] nvarchar(max) NOT NULL,
        [Shop] nvarchar(64) NULL,
        [CreatedBy] nvarchar(256) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [RevokedAt] datetimeoffset NULL,
        [LastUsedAt] datetimeoffset NULL,
        CONSTRAINT [PK_ApiKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE TABLE [AspNetRoles] (
        [Id] nvarchar(450) NOT NULL,
        [Name] nvarchar(256) NULL,
        [NormalizedName] nvarchar(256) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoles] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE TABLE [AspNetUsers] (
        [Id] nvarchar(450) NOT NULL,
        [DisplayName] nvarchar(max) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [UserName] nvarchar(256) NULL,
        [NormalizedUserName] nvarchar(256) NULL,
        [Email] nvarchar(256) NULL,
        [NormalizedEmail] nvarchar(256) NULL,
        [EmailConfirmed] bit NOT NULL,
        [PasswordHash] nvarchar(max) NULL,
        [SecurityStamp] nvarchar(max) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        [PhoneNumber] nvarchar(max) NULL,
        [PhoneNumberConfirmed] bit NOT NULL,
        [TwoFactorEnabled] bit NOT NULL,
        [LockoutEnd] datetimeoffset NULL,
        [LockoutEnabled] bit NOT NULL,
        [AccessFailedCount] int NOT NULL,
        CONSTRAINT [PK_AspNetUsers] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE TABLE [Cases] (
        [Id] uniqueidentifier NOT NULL,
        [Review] nvarchar(max) NULL,
        [ExplanationDueAt] datetimeoffset NULL,
        [RevisionDueAt] datetimeoffset NULL,
        [ContactAttempts] nvarchar(max) NOT NULL,
        [Explanation] nvarchar(max) NULL,
        [Appeal] nvarchar(max) NULL,
        [RevisedRating] nvarchar(16) NULL,
        [Number] nvarchar(32) NOT NULL,
        [Sequence] bigint NOT NULL,
        [Type] nvarchar(32) NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [Shop] nvarchar(64) NOT NULL,
        [Currency] nvarchar(3) NOT NULL,
        [OrderNumber] nvarchar(64) NOT NULL,
        [PaidAt] datetimeoffset NOT NULL,
        [DeliveredAt] datetimeoffset NULL,
        [CompletedAt] datetimeoffset NULL,
        [ShippingFee] decimal(18,2) NULL,
        [OrderItems] nvarchar(max) NOT NULL,
        [BuyerNickname] nvarchar(128) NOT NULL,
        [BuyerPhone] nvarchar(32) NULL,
        [Reason] nvarchar(64) NULL,
        [Responsibility] nvarchar(16) NULL,
        [Description] nvarchar(2000) NULL,
        [Items] nvarchar(max) NOT NULL,
        [ExchangeFor] nvarchar(max) NOT NULL,
        [Assignee] nvarchar(128) NULL,
        [Priority] nvarchar(16) NOT NULL,
        [OutsideWindow] bit NOT NULL,
        [WindowEndsAt] datetimeoffset NULL,
        [Evidence] nvarchar(max) NOT NULL,
        [Notes] nvarchar(max) NOT NULL,
        [Links] nvarchar(max) NOT NULL,
        [ResolutionNote] nvarchar(2000) NULL,
        [Version] int NOT NULL,
        [CreatedBy] nvarchar(128) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [Compensation] nvarchar(max) NULL,
        [Payout] nvarchar(max) NULL,
        [ReturnShipment] nvarchar(max) NULL,
        [ReturnTrackingNumber] nvarchar(64) NULL,
        [PostageReimbursement] decimal(18,2) NOT NULL,
        [Inspection] nvarchar(max) NULL,
        [Replacement] nvarchar(max) NULL,
        [ReplacementTrackingNumber] nvarchar(64) NULL,
        [Refunds] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_Cases] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE TABLE [Counters] (
        [Name] nvarchar(64) NOT NULL,
        [Value] bigint NOT NULL,
        CONSTRAINT [PK_Counters] PRIMARY KEY ([Name])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE TABLE [IdempotencyRecords] (
        [Principal] nvarchar(256) NOT NULL,
        [Key] nvarchar(128) NOT NULL,
        [RequestHash] nvarchar(64) NOT NULL,
        [Completed] bit NOT NULL,
        [StatusCode] int NOT NULL,
        [ContentType] nvarchar(128) NULL,
        [Location] nvarchar(512) NULL,
        [ETag] nvarchar(64) NULL,
        [Body] varbinary(max) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [ExpiresAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_IdempotencyRecords] PRIMARY KEY ([Principal], [Key])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE TABLE [Notifications] (
        [Id] uniqueidentifier NOT NULL,
        [Recipient] nvarchar(128) NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [CaseId] uniqueidentifier NOT NULL,
        [CaseNumber] nvarchar(32) NOT NULL,
        [Deadline] nvarchar(32) NOT NULL,
        [Message] nvarchar(2000) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [ReadAt] datetimeoffset NULL,
        CONSTRAINT [PK_Notifications] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE TABLE [Outbox] (
        [Id] bigint NOT NULL IDENTITY,
        [Type] nvarchar(64) NOT NULL,
        [CaseId] uniqueidentifier NULL,
        [Payload] nvarchar(max) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [DispatchedAt] datetimeoffset NULL,
        CONSTRAINT [PK_Outbox] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE TABLE [UnmatchedParcels] (
        [Id] uniqueidentifier NOT NULL,
        [TrackingNumber] nvarchar(64) NOT NULL,
        [Items] nvarchar(max) NOT NULL,
        [Note] nvarchar(2000) NULL,
        [ReceivedBy] nvarchar(128) NOT NULL,
        [ReceivedAt] datetimeoffset NOT NULL,
        [MatchedCaseId] uniqueidentifier NULL,
        [MatchedBy] nvarchar(128) NULL,
        [MatchedAt] datetimeoffset NULL,
        [Version] int NOT NULL,
        CONSTRAINT [PK_UnmatchedParcels] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE TABLE [WebhookSubscriptions] (
        [Id] uniqueidentifier NOT NULL,
        [Url] nvarchar(2000) NOT NULL,
        [Events] nvarchar(max) NOT NULL,
        [Secret] nvarchar(256) NOT NULL,
        [Active] bit NOT NULL,
        [CreatedBy] nvarchar(256) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_WebhookSubscriptions] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE TABLE [AspNetRoleClaims] (
        [Id] int NOT NULL IDENTITY,
        [RoleId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoleClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetRoleClaims_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserClaims] (
        [Id] int NOT NULL IDENTITY,
        [UserId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetUserClaims_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserLogins] (
        [LoginProvider] nvarchar(450) NOT NULL,
        [ProviderKey] nvarchar(450) NOT NULL,
        [ProviderDisplayName] nvarchar(max) NULL,
        [UserId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserLogins] PRIMARY KEY ([LoginProvider], [ProviderKey]),
        CONSTRAINT [FK_AspNetUserLogins_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserRoles] (
        [UserId] nvarchar(450) NOT NULL,
        [RoleId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserRoles] PRIMARY KEY ([UserId], [RoleId]),
        CONSTRAINT [FK_AspNetUserRoles_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_AspNetUserRoles_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserTokens] (
        [UserId] nvarchar(450) NOT NULL,
        [LoginProvider] nvarchar(450) NOT NULL,
        [Name] nvarchar(450) NOT NULL,
        [Value] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserTokens] PRIMARY KEY ([UserId], [LoginProvider], [Name]),
        CONSTRAINT [FK_AspNetUserTokens_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE TABLE [CaseDeadlines] (
        [Id] uniqueidentifier NOT NULL,
        [CaseId] uniqueidentifier NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [StartedAt] datetimeoffset NOT NULL,
        [DueAt] datetimeoffset NOT NULL,
        [WarnAt] nvarchar(max) NOT NULL,
        [WarningsSent] int NOT NULL,
        [State] nvarchar(16) NOT NULL,
        [NextCheckAt] datetimeoffset NULL,
        [ResolvedAt] datetimeoffset NULL,
        [ClaimedBy] nvarchar(64) NULL,
        [ClaimedUntil] datetimeoffset NULL,
        [Version] int NOT NULL,
        CONSTRAINT [PK_CaseDeadlines] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CaseDeadlines_Cases_CaseId] FOREIGN KEY ([CaseId]) REFERENCES [Cases] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE TABLE [CaseTimeline] (
        [Id] uniqueidentifier NOT NULL,
        [CaseId] uniqueidentifier NOT NULL,
        [Version] int NOT NULL,
        [At] datetimeoffset NOT NULL,
        [Actor] nvarchar(128) NOT NULL,
        [ActorRole] nvarchar(16) NOT NULL,
        [Action] nvarchar(64) NOT NULL,
        [From] nvarchar(32) NULL,
        [To] nvarchar(32) NOT NULL,
        [Data] nvarchar(max) NULL,
        CONSTRAINT [PK_CaseTimeline] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CaseTimeline_Cases_CaseId] FOREIGN KEY ([CaseId]) REFERENCES [Cases] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE TABLE [EvidenceFiles] (
        [Id] uniqueidentifier NOT NULL,
        [CaseId] uniqueidentifier NOT NULL,
        [ContentType] nvarchar(64) NOT NULL,
        [Content] varbinary(max) NOT NULL,
        CONSTRAINT [PK_EvidenceFiles] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_EvidenceFiles_Cases_CaseId] FOREIGN KEY ([CaseId]) REFERENCES [Cases] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE TABLE [WebhookDeliveries] (
        [Id] uniqueidentifier NOT NULL,
        [SubscriptionId] uniqueidentifier NOT NULL,
        [OutboxId] bigint NOT NULL,
        [EventType] nvarchar(64) NOT NULL,
        [Payload] nvarchar(max) NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [Attempts] int NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [NextAttemptAt] datetimeoffset NULL,
        [DeliveredAt] datetimeoffset NULL,
        [LastStatusCode] int NULL,
        [LastError] nvarchar(2000) NULL,
        [ClaimedBy] nvarchar(64) NULL,
        [ClaimedUntil] datetimeoffset NULL,
        CONSTRAINT [PK_WebhookDeliveries] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_WebhookDeliveries_WebhookSubscriptions_SubscriptionId] FOREIGN KEY ([SubscriptionId]) REFERENCES [WebhookSubscriptions] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Name', N'Value') AND [object_id] = OBJECT_ID(N'[Counters]'))
        SET IDENTITY_INSERT [Counters] ON;
    EXEC(N'INSERT INTO [Counters] ([Name], [Value])
    VALUES (N''case-number'', CAST(0 AS bigint))');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Name', N'Value') AND [object_id] = OBJECT_ID(N'[Counters]'))
        SET IDENTITY_INSERT [Counters] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ApiKeys_Prefix] ON [ApiKeys] ([Prefix]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetRoleClaims_RoleId] ON [AspNetRoleClaims] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [RoleNameIndex] ON [AspNetRoles] ([NormalizedName]) WHERE [NormalizedName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserClaims_UserId] ON [AspNetUserClaims] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserLogins_UserId] ON [AspNetUserLogins] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserRoles_RoleId] ON [AspNetUserRoles] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE INDEX [EmailIndex] ON [AspNetUsers] ([NormalizedEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UserNameIndex] ON [AspNetUsers] ([NormalizedUserName]) WHERE [NormalizedUserName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE INDEX [IX_CaseDeadlines_CaseId] ON [CaseDeadlines] ([CaseId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE INDEX [IX_CaseDeadlines_NextCheckAt] ON [CaseDeadlines] ([NextCheckAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE INDEX [IX_Cases_Assignee] ON [Cases] ([Assignee]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Cases_Number] ON [Cases] ([Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE INDEX [IX_Cases_ReplacementTrackingNumber] ON [Cases] ([ReplacementTrackingNumber]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE INDEX [IX_Cases_ReturnTrackingNumber] ON [Cases] ([ReturnTrackingNumber]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE INDEX [IX_Cases_RevisionDueAt] ON [Cases] ([RevisionDueAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Cases_Sequence] ON [Cases] ([Sequence]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE INDEX [IX_Cases_Shop_OrderNumber] ON [Cases] ([Shop], [OrderNumber]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE INDEX [IX_Cases_Status_Sequence] ON [Cases] ([Status], [Sequence]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_CaseTimeline_CaseId_Version] ON [CaseTimeline] ([CaseId], [Version]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE INDEX [IX_EvidenceFiles_CaseId] ON [EvidenceFiles] ([CaseId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE INDEX [IX_IdempotencyRecords_ExpiresAt] ON [IdempotencyRecords] ([ExpiresAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE INDEX [IX_Notifications_Recipient_CreatedAt] ON [Notifications] ([Recipient], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE INDEX [IX_Outbox_DispatchedAt_Id] ON [Outbox] ([DispatchedAt], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE INDEX [IX_UnmatchedParcels_TrackingNumber] ON [UnmatchedParcels] ([TrackingNumber]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE INDEX [IX_WebhookDeliveries_NextAttemptAt] ON [WebhookDeliveries] ([NextAttemptAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_WebhookDeliveries_SubscriptionId_OutboxId] ON [WebhookDeliveries] ([SubscriptionId], [OutboxId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123051928_Initial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261123051928_Initial', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123052421_DataProtectionKeys'
)
BEGIN
    CREATE TABLE [DataProtectionKeys] (
        [Id] int NOT NULL IDENTITY,
        [FriendlyName] nvarchar(max) NULL,
        [Xml] nvarchar(max) NULL,
        CONSTRAINT [PK_DataProtectionKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123052421_DataProtectionKeys'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261123052421_DataProtectionKeys', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201190649_BuyerContactPrivacy'
)
BEGIN
    ALTER TABLE [Cases] ADD [BuyerDataRemovedAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201190649_BuyerContactPrivacy'
)
BEGIN
    CREATE TABLE [ContactAccessLog] (
        [Id] bigint NOT NULL IDENTITY,
        [CaseId] uniqueidentifier NOT NULL,
        [CaseNumber] nvarchar(32) NOT NULL,
        [Shop] nvarchar(64) NOT NULL,
        [Actor] nvarchar(256) NOT NULL,
        [ActorRole] nvarchar(16) NOT NULL,
        [Reason] nvarchar(500) NOT NULL,
        [At] datetimeoffset NOT NULL,
        CONSTRAINT [PK_ContactAccessLog] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201190649_BuyerContactPrivacy'
)
BEGIN
    CREATE INDEX [IX_ContactAccessLog_Actor_Id] ON [ContactAccessLog] ([Actor], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201190649_BuyerContactPrivacy'
)
BEGIN
    CREATE INDEX [IX_ContactAccessLog_CaseId] ON [ContactAccessLog] ([CaseId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201190649_BuyerContactPrivacy'
)
BEGIN
    CREATE INDEX [IX_ContactAccessLog_Shop_Id] ON [ContactAccessLog] ([Shop], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201190649_BuyerContactPrivacy'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201190649_BuyerContactPrivacy', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201191026_EventFeedAndTextLengths'
)
BEGIN
    DECLARE @var nvarchar(max);
    SELECT @var = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[UnmatchedParcels]') AND [c].[name] = N'Note');
    IF @var IS NOT NULL EXEC(N'ALTER TABLE [UnmatchedParcels] DROP CONSTRAINT ' + @var + ';');
    ALTER TABLE [UnmatchedParcels] ALTER COLUMN [Note] nvarchar(max) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201191026_EventFeedAndTextLengths'
)
BEGIN
    ALTER TABLE [Outbox] ADD [Position] bigint NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201191026_EventFeedAndTextLengths'
)
BEGIN
    DECLARE @var1 nvarchar(max);
    SELECT @var1 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Cases]') AND [c].[name] = N'ResolutionNote');
    IF @var1 IS NOT NULL EXEC(N'ALTER TABLE [Cases] DROP CONSTRAINT ' + @var1 + ';');
    ALTER TABLE [Cases] ALTER COLUMN [ResolutionNote] nvarchar(max) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201191026_EventFeedAndTextLengths'
)
BEGIN
    DROP INDEX [IX_Cases_Shop_OrderNumber] ON [Cases];
    DECLARE @var2 nvarchar(max);
    SELECT @var2 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Cases]') AND [c].[name] = N'OrderNumber');
    IF @var2 IS NOT NULL EXEC(N'ALTER TABLE [Cases] DROP CONSTRAINT ' + @var2 + ';');
    ALTER TABLE [Cases] ALTER COLUMN [OrderNumber] nvarchar(512) NOT NULL;
    CREATE INDEX [IX_Cases_Shop_OrderNumber] ON [Cases] ([Shop], [OrderNumber]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201191026_EventFeedAndTextLengths'
)
BEGIN
    DECLARE @var3 nvarchar(max);
    SELECT @var3 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Cases]') AND [c].[name] = N'Description');
    IF @var3 IS NOT NULL EXEC(N'ALTER TABLE [Cases] DROP CONSTRAINT ' + @var3 + ';');
    ALTER TABLE [Cases] ALTER COLUMN [Description] nvarchar(max) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201191026_EventFeedAndTextLengths'
)
BEGIN
    DECLARE @var4 nvarchar(max);
    SELECT @var4 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Cases]') AND [c].[name] = N'BuyerNickname');
    IF @var4 IS NOT NULL EXEC(N'ALTER TABLE [Cases] DROP CONSTRAINT ' + @var4 + ';');
    ALTER TABLE [Cases] ALTER COLUMN [BuyerNickname] nvarchar(1024) NOT NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201191026_EventFeedAndTextLengths'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Outbox_Position] ON [Outbox] ([Position]) WHERE [Position] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201191026_EventFeedAndTextLengths'
)
BEGIN
    CREATE INDEX [IX_Cases_UpdatedAt_Sequence] ON [Cases] ([UpdatedAt], [Sequence]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201191026_EventFeedAndTextLengths'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201191026_EventFeedAndTextLengths', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201191038_SessionsAndUniqueKeyNames'
)
BEGIN
    CREATE TABLE [UserSessions] (
        [Id] nvarchar(64) NOT NULL,
        [UserId] nvarchar(450) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [LastSeenAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_UserSessions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_UserSessions_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201191038_SessionsAndUniqueKeyNames'
)
BEGIN
    UPDATE k SET [Name] = k.[Name] + N'-' + k.[Prefix] FROM [ApiKeys] AS k
    WHERE EXISTS (SELECT 1 FROM [ApiKeys] AS f WHERE f.[Name] = k.[Name]
        AND (f.[CreatedAt] < k.[CreatedAt] OR (f.[CreatedAt] = k.[CreatedAt] AND f.[Prefix] < k.[Prefix])));
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201191038_SessionsAndUniqueKeyNames'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ApiKeys_Name] ON [ApiKeys] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201191038_SessionsAndUniqueKeyNames'
)
BEGIN
    CREATE INDEX [IX_UserSessions_UserId] ON [UserSessions] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201191038_SessionsAndUniqueKeyNames'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201191038_SessionsAndUniqueKeyNames', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201191117_WebhookShopsAndCaseOrder'
)
BEGIN
    ALTER TABLE [WebhookSubscriptions] ADD [Shop] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201191117_WebhookShopsAndCaseOrder'
)
BEGIN
    ALTER TABLE [WebhookDeliveries] ADD [CaseId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201191117_WebhookShopsAndCaseOrder'
)
BEGIN
    UPDATE [WebhookDeliveries] SET [CaseId] = (SELECT [CaseId] FROM [Outbox] WHERE [Outbox].[Id] = [WebhookDeliveries].[OutboxId])
    WHERE [Status] = 'Pending'
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201191117_WebhookShopsAndCaseOrder'
)
BEGIN
    CREATE INDEX [IX_WebhookDeliveries_SubscriptionId_CaseId_OutboxId] ON [WebhookDeliveries] ([SubscriptionId], [CaseId], [OutboxId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201191117_WebhookShopsAndCaseOrder'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201191117_WebhookShopsAndCaseOrder', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201192413_ClaimedReturnTrackingNumbers'
)
BEGIN
    ALTER TABLE [Cases] ADD [ClaimedReturnTrackingNumber] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201192413_ClaimedReturnTrackingNumbers'
)
BEGIN
    UPDATE [Cases] SET [ClaimedReturnTrackingNumber] = [ReturnTrackingNumber] WHERE [ReturnTrackingNumber] IS NOT NULL AND [Status] NOT IN ('Completed', 'Rejected', 'Cancelled', 'Expired', 'Locked') AND [Sequence] = (SELECT MIN(o.[Sequence]) FROM [Cases] AS o WHERE o.[ReturnTrackingNumber] = [Cases].[ReturnTrackingNumber] AND o.[Status] NOT IN ('Completed', 'Rejected', 'Cancelled', 'Expired', 'Locked'));
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201192413_ClaimedReturnTrackingNumbers'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Cases_ClaimedReturnTrackingNumber] ON [Cases] ([ClaimedReturnTrackingNumber]) WHERE [ClaimedReturnTrackingNumber] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201192413_ClaimedReturnTrackingNumbers'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201192413_ClaimedReturnTrackingNumbers', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201231937_CasePlatform'
)
BEGIN
    ALTER TABLE [Cases] ADD [Platform] nvarchar(16) NOT NULL DEFAULT N'Taobao';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201231937_CasePlatform'
)
BEGIN
    ALTER TABLE [Cases] ADD [PlatformDueTimes] nvarchar(max) NOT NULL DEFAULT N'[]';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201231937_CasePlatform'
)
BEGIN
    ALTER TABLE [Cases] ADD [PlatformRef] nvarchar(512) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201231937_CasePlatform'
)
BEGIN
    ALTER TABLE [CaseDeadlines] ADD [Source] nvarchar(16) NOT NULL DEFAULT N'Policy';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201231937_CasePlatform'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201231937_CasePlatform', N'10.0.14');
END;

COMMIT;
GO

