using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Returns.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class CasePlatform : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Cases logged before platforms were known came from the default marketplace; their clocks from policy.
            migrationBuilder.AddColumn<string>(
                name: "Platform",
                table: "Cases",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Taobao");

            migrationBuilder.AddColumn<string>(
                name: "PlatformDueTimes",
                table: "Cases",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "PlatformRef",
                table: "Cases",
                type: "nvarchar(512)",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "CaseDeadlines",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Policy");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Platform",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "PlatformDueTimes",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "PlatformRef",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "CaseDeadlines");
        }
    }
}
