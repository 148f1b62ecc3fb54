using BookMeAtOz.Auth;
using BookMeAtOz.Validation;

namespace BookMeAtOz.Tests.Auth;

public sealed class PasswordPolicyTests
{
    private static IReadOnlyDictionary<string, string[]> ErrorsFor(string password)
    {
        var errors = new ValidationErrors();
        User.ValidatePassword(password, "ann@example.com", errors);
        return errors.ToDictionary();
    }

    [Theory]
    [InlineData("password")]
    [InlineData("PASSWORD1")]
    [InlineData("12345678")]
    [InlineData("qwertyuiop")]
    [InlineData("iloveyou")]
    [InlineData("aaaaaaaaaa")]
    [InlineData("abcdefghij")]
    [InlineData("98765432")]
    [InlineData("ann@example.com")]
    public void ValidatePassword_CommonOrRunOrEmail_IsTooEasyToGuess(string password) =>
        Assert.Equal(["Is too easy to guess."], ErrorsFor(password)["password"]);

    [Theory]
    [InlineData("correct horse battery")]
    [InlineData("Tr0ub4dor&3x")]
    [InlineData("aabbccddee")]
    public void ValidatePassword_Uncommon_IsAccepted(string password) => Assert.Empty(ErrorsFor(password));
}
