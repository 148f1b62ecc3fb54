using System.Buffers;
using System.Collections.Concurrent;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace BookMeAtOz.RealTime.Tests.Support;

/// <summary>
/// A real SMTP server on loopback (the SmtpServer package), keeping every message it accepts. It can be stopped and
/// started again on the same port, to play a mail server that is down for a while.
/// </summary>
public sealed class LoopbackSmtp : IAsyncDisposable
{
    private SmtpServer.SmtpServer? _server;
    private CancellationTokenSource? _stop;

    public int Port { get; } = TestServers.FreePort();

    /// <summary>Every message accepted, in order.</summary>
    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    /// <summary>Raised after a message was stored.</summary>
    public event Action<MimeMessage>? MessageReceived;

    public async Task StartAsync()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, Port)).IsSecure(false))
            .Build();
        var services = new ServiceProvider();
        services.Add(new Store(this));
        services.Add(new NoDelayListenerFactory());
        _stop = new CancellationTokenSource();
        _server = new SmtpServer.SmtpServer(options, services);
        _ = _server.StartAsync(_stop.Token);
        // Wait until it accepts connections.
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, Port);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(25);
            }
        }

        throw new InvalidOperationException("The SMTP server did not start.");
    }

    public async Task StopAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            await _stop!.CancelAsync();
            try
            {
                await server.ShutdownTask.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (OperationCanceledException)
            {
            }

            _stop.Dispose();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private sealed class Store(LoopbackSmtp owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            owner.Received.Enqueue(message);
            owner.MessageReceived?.Invoke(message);
            return SmtpResponse.Ok;
        }
    }

    /// <summary>
    /// Accepts connections with Nagle's algorithm off: with the package's own listener it is on, and its short replies
    /// then wait for the client's delayed ACK (about 60 ms a message here), which would measure the test server rather
    /// than the dispatcher.
    /// </summary>
    private sealed class NoDelayListenerFactory : SmtpServer.Net.IEndpointListenerFactory
    {
        public SmtpServer.Net.IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
        {
            var listener = new System.Net.Sockets.TcpListener(endpointDefinition.Endpoint);
            listener.Start();
            return new Listener(listener);
        }

        private sealed class Listener(System.Net.Sockets.TcpListener listener) : SmtpServer.Net.IEndpointListener
        {
            public async Task<SmtpServer.IO.ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
            {
                var client = await listener.AcceptTcpClientAsync(cancellationToken);
                client.NoDelay = true;
                context.Properties.Add(SmtpServer.Net.EndpointListener.LocalEndPointKey, client.Client.LocalEndPoint);
                context.Properties.Add(SmtpServer.Net.EndpointListener.RemoteEndPointKey, client.Client.RemoteEndPoint);
                return new Pipe(client);
            }

            public void Dispose() => listener.Stop();
        }

        private sealed class Pipe(System.Net.Sockets.TcpClient client) : SmtpServer.IO.ISecurableDuplexPipe
        {
            private readonly System.Net.Sockets.NetworkStream _stream = client.GetStream();

            public System.IO.Pipelines.PipeReader Input { get; } = System.IO.Pipelines.PipeReader.Create(client.GetStream());

            public System.IO.Pipelines.PipeWriter Output { get; } = System.IO.Pipelines.PipeWriter.Create(client.GetStream());

            public bool IsSecure => false;

            public System.Security.Authentication.SslProtocols SslProtocol => System.Security.Authentication.SslProtocols.None;

            public Task UpgradeAsync(System.Security.Cryptography.X509Certificates.X509Certificate certificate, System.Security.Authentication.SslProtocols protocols, CancellationToken cancellationToken = default) =>
                throw new NotSupportedException("No TLS on the loopback test server.");

            public void Dispose()
            {
                _stream.Dispose();
                client.Dispose();
            }
        }
    }
}
