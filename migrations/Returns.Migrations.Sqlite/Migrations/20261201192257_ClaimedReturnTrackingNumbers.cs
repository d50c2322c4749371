using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Returns.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ClaimedReturnTrackingNumbers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ClaimedReturnTrackingNumber",
                table: "Cases",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            // Open cases already recorded with the same number (before the rule) keep it on the oldest one, the first
            // to claim it; the others hold none until an agent sorts them out. Status is stored as the enum name.
            migrationBuilder.Sql("UPDATE \"Cases\" SET \"ClaimedReturnTrackingNumber\" = \"ReturnTrackingNumber\" WHERE \"ReturnTrackingNumber\" IS NOT NULL AND \"Status\" NOT IN ('Completed', 'Rejected', 'Cancelled', 'Expired', 'Locked') AND \"Sequence\" = (SELECT MIN(o.\"Sequence\") FROM \"Cases\" AS o WHERE o.\"ReturnTrackingNumber\" = \"Cases\".\"ReturnTrackingNumber\" AND o.\"Status\" NOT IN ('Completed', 'Rejected', 'Cancelled', 'Expired', 'Locked'));");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ClaimedReturnTrackingNumber",
                table: "Cases",
                column: "ClaimedReturnTrackingNumber",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_ClaimedReturnTrackingNumber",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ClaimedReturnTrackingNumber",
                table: "Cases");
        }
    }
}
