using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Returns.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EventFeedAndTextLengths : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Position",
                table: "Outbox",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_Position",
                table: "Outbox",
                column: "Position",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_UpdatedAt_Sequence",
                table: "Cases",
                columns: new[] { "UpdatedAt", "Sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Outbox_Position",
                table: "Outbox");

            migrationBuilder.DropIndex(
                name: "IX_Cases_UpdatedAt_Sequence",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Position",
                table: "Outbox");
        }
    }
}
