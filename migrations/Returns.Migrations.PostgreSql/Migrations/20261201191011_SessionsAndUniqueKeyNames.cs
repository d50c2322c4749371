using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Returns.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class SessionsAndUniqueKeyNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "UserSessions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UserSessions_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Keys created before names were unique keep their name for the first one; each later namesake gets its
            // prefix appended (rk_… is unique), so the unique index below can be built on a live database.
            migrationBuilder.Sql(@"UPDATE ""ApiKeys"" SET ""Name"" = ""Name"" || '-' || ""Prefix""
WHERE EXISTS (SELECT 1 FROM ""ApiKeys"" AS ""First"" WHERE ""First"".""Name"" = ""ApiKeys"".""Name""
    AND (""First"".""CreatedAt"" < ""ApiKeys"".""CreatedAt"" OR (""First"".""CreatedAt"" = ""ApiKeys"".""CreatedAt"" AND ""First"".""Prefix"" < ""ApiKeys"".""Prefix"")));");

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_Name",
                table: "ApiKeys",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UserSessions_UserId",
                table: "UserSessions",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "UserSessions");

            migrationBuilder.DropIndex(
                name: "IX_ApiKeys_Name",
                table: "ApiKeys");
        }
    }
}
