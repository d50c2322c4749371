using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Returns.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class WebhookShopsAndCaseOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Shop",
                table: "WebhookSubscriptions",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CaseId",
                table: "WebhookDeliveries",
                type: "TEXT",
                nullable: true);

            // Deliveries still under way learn their case, so they too go one at a time per case.
            migrationBuilder.Sql("""
                UPDATE "WebhookDeliveries" SET "CaseId" = (SELECT "CaseId" FROM "Outbox" WHERE "Outbox"."Id" = "WebhookDeliveries"."OutboxId")
                WHERE "Status" = 'Pending'
                """);

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_SubscriptionId_CaseId_OutboxId",
                table: "WebhookDeliveries",
                columns: new[] { "SubscriptionId", "CaseId", "OutboxId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WebhookDeliveries_SubscriptionId_CaseId_OutboxId",
                table: "WebhookDeliveries");

            migrationBuilder.DropColumn(
                name: "Shop",
                table: "WebhookSubscriptions");

            migrationBuilder.DropColumn(
                name: "CaseId",
                table: "WebhookDeliveries");
        }
    }
}
