using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Returns.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DiscountAndBadReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Responsibility",
                table: "Cases",
                type: "TEXT",
                maxLength: 16,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 16);

            migrationBuilder.AlterColumn<string>(
                name: "Reason",
                table: "Cases",
                type: "TEXT",
                maxLength: 64,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 64);

            migrationBuilder.AddColumn<string>(
                name: "Appeal",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Compensation",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContactAttempts",
                table: "Cases",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Explanation",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ExplanationDueAt",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Payout",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Review",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RevisedRating",
                table: "Cases",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RevisionDueAt",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_RevisionDueAt",
                table: "Cases",
                column: "RevisionDueAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_RevisionDueAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Appeal",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Compensation",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ContactAttempts",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Explanation",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ExplanationDueAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Payout",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Review",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "RevisedRating",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "RevisionDueAt",
                table: "Cases");

            migrationBuilder.AlterColumn<string>(
                name: "Responsibility",
                table: "Cases",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 16,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Reason",
                table: "Cases",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 64,
                oldNullable: true);
        }
    }
}
